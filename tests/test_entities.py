"""Entities: organisations, places and people with titles and mention offsets."""

from transforms.entities import find_entities
from transforms.records import Entity


def _by_name(text: str) -> dict[str, Entity]:
    return {e.name: e for e in find_entities(text)}


def test_person_titles_are_attached_to_every_name_of_the_group() -> None:
    text = "开发区党工委委员、管委会副主任吕广华、夏庆刚、袁余成,副局级干部高同顺参加活动。"
    found = _by_name(text)
    for name in ("吕广华", "夏庆刚", "袁余成"):
        assert found[name].kind == "person"
        assert found[name].titles == ["党工委委员", "管委会副主任"]
    assert found["高同顺"].titles == ["副局级干部"]


def test_titles_leave_out_the_org_or_place_before_them() -> None:
    cases = {
        "公司生产副总谢艳芳介绍道。": ("谢艳芳", ["生产副总"]),
        "温陈街道党工委副书记、办事处主任陈鑫源表示。": ("陈鑫源", ["党工委副书记", "办事处主任"]),
        "市科协党组书记、主席吴润昌表示。": ("吴润昌", ["党组书记", "主席"]),
        "太平洋光电科技公司董事长游煜祺告诉记者。": ("游煜祺", ["董事长"]),
    }
    for text, (name, titles) in cases.items():
        assert _by_name(text)[name].titles == titles


def test_a_two_char_name_ends_before_the_verb() -> None:
    found = _by_name("开发区党工委委员、管委会副主任李光参加会议。")
    assert "李光" in found and "李光参" not in found


def test_a_name_glued_to_a_word_is_read_whole() -> None:
    found = _by_name("开发区党工委委员、管委会副主任袁余成就辖区内文化市场安全生产工作督导检查。")
    assert found["袁余成"].titles == ["党工委委员", "管委会副主任"]


def test_words_after_a_title_that_are_not_names_are_skipped() -> None:
    found = _by_name("民警向过往群众发放宣传资料。主要负责人安全生产履职到位。")
    assert not [e for e in found.values() if e.kind == "person"]


def test_organisations_end_with_an_org_suffix() -> None:
    found = _by_name("平台依托山东壹树生物科技有限公司进行品牌化运作。7月1日,记者从临清市农业农村局获悉。")
    assert found["山东壹树生物科技有限公司"].kind == "org"
    assert found["临清市农业农村局"].kind == "org"


def test_places_come_from_suffixes_and_the_user_dictionary() -> None:
    found = _by_name("串联起顾官屯镇黄河湿地、许营镇万亩瓜田。拉萨市科学技术协会。")
    assert found["顾官屯镇"].kind == "place" and found["许营镇"].kind == "place"
    assert found["拉萨市科学技术协会"].kind == "org"


def test_common_nouns_are_not_entities() -> None:
    found = _by_name("城市建设欣欣向荣,辖区内综合性文化服务中心建设推进,全市社区服务不断完善。")
    assert not found


def test_offsets_mark_every_mention_and_entities_are_sorted_and_unique() -> None:
    text = "袁余成重点查看了书店。开发区党工委委员、管委会副主任袁余成参加会议。开发区召开会议。"
    entities = find_entities(text)
    person = next(e for e in entities if e.name == "袁余成")
    assert person.offsets == [0, text.index("袁余成参加")]
    assert all(text[o : o + len(e.name)] == e.name for e in entities for o in e.offsets)
    firsts = [e.offsets[0] for e in entities]
    assert firsts == sorted(firsts)
    assert len({(e.kind, e.name) for e in entities}) == len(entities)


def test_people_are_found_by_cues_without_titles() -> None:
    found = _by_name("今年是党中央号召向孔繁森同志学习30周年。开发区招商局吕楠说。")
    assert found["孔繁森"].kind == "person" and found["吕楠"].kind == "person"


def test_offsets_count_from_start_and_entities_only_before_it_are_left_out() -> None:
    text = "聊城市召开会议\n开发区管委会副主任吕广华出席,吕广华表示。"
    start = text.index("\n") + 1
    found = {e.name: e for e in find_entities(text, start=start)}
    assert "聊城市" not in found
    assert found["吕广华"].offsets == [text.index("吕广华") - start, text.rindex("吕广华") - start]
