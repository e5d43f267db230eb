"""Pure transforms of newsetl: page text in, records out. No IO, no Prefect, no database."""

# Bump when a change to any transform changes what is extracted: pages loaded by an older
# version are reprocessed by the next run.
# 2: the page reader classifies lines; metrics read currencies, press units, Chinese decimals, ranges, signs
# and each article keeps its words for search and its story signature
# 3: hard-wrapped lines one short of the width join only where the page's wrapper leaves such lines often;
# a column tag after a quoted sentence closes a head line
PIPELINE_VERSION = "3"
