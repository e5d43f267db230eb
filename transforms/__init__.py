"""Pure transforms of newsetl: page text in, records out. No IO, no Prefect, no database."""

# Bump when a change to any transform changes what is extracted: pages loaded by an older
# version are reprocessed by the next run.
PIPELINE_VERSION = "2"
