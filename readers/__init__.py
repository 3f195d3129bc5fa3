"""Readers: the paths a user names in, inputs out.

`discover` finds the dump files (each once, under its real path; whatever cannot be read is a `Rejection`),
`iter_inputs` opens them by content (plain files, gzip, zip, tar, JSON Lines, WARC) into `BatchInput`s and
`Rejection`s, `batched` groups them for extraction. Readers know nothing of extraction, the store or Prefect.
"""

from readers.containers import Item, Limits, iter_file
from readers.files import DumpFile, discover, path_uri, root_uris, unlisted
from readers.inputs import ReadProgress, batched, iter_inputs

__all__ = [
    "DumpFile",
    "Item",
    "Limits",
    "ReadProgress",
    "batched",
    "discover",
    "iter_file",
    "iter_inputs",
    "path_uri",
    "root_uris",
    "unlisted",
]
