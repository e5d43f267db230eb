"""Patterns of what head-shaped lines and the text around them say: box labels, credits, datelines, bylines.

They are cues of layout every paper shares (a photo credit ends in 摄, a dateline opens with the
agency and date, an author note opens with （作者…）), read by the line features (`transforms.lines`,
`transforms.line_context`), never words of one paper's stories.
"""

from __future__ import annotations

import re

BOX_LABELS = re.compile(
    r"^(?:核心阅读|编者按|编者的话|编后|图片报道|图片新闻|新闻链接|相关链接|链接|延伸阅读|记者手记|采访手记|短评|"
    r"快评|评论员文章|背景|背景资料|小资料|知识链接|专家观点|专家点评|数据|资料|点评|述评|镜头|声音|观察|提示|"
    r"名词解释|人物名片|档案|扫码|本期关注|读者来信|一线视角|微评|今日谈|人民时评|人民论坛)[:：]?$"
)
PHOTO_SOURCE = "图片来源"
PHOTO_CREDIT = re.compile(
    rf"(?:摄影?|供图|制图|绘图|资料图片?|新华社发|视觉中国|影像中国|{PHOTO_SOURCE}[^。]*)[）)]?$"
)
PHOTO_CREDIT_ENDS = "摄影图片发国）)"  # a photo credit ends in one of these, unless it names its source
AUTHOR_NOTE = re.compile(r"^[（(](?:作者|本文作者|本文系|作者单位|作者系|本文为)")
WIRE = re.compile(r"^(?:新华社|中新社|人民网|本报|据)[\u3400-\u9fff]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)")
BYLINE = re.compile(
    r"^(?:本报(?:特约|驻[\u3400-\u9fff]{1,6})?记者|记者|本报通讯员|通讯员|新华社记者|特约撰稿人|本报评论员)"
)
COLUMN_TAG = re.compile(r"[（(][^（）()]{2,16}[）)]$")
TAIL_CHARS = 48  # chars at a line's end where credits and column tags are looked for (brackets hold 40)
