"""Reading an Apple Health export streams it: memory stays flat however large
the file (the 300 MB figure is in `make bench`)."""

import pytest

from bench import import_memory

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("zipped", [False, True], ids=["export.xml", "export.zip"])
def test_a_60_mb_export_is_read_in_far_less_memory_than_its_size(zipped):
    result = import_memory.run(60, zipped=zipped)
    assert result["walks_found"] == result["workouts_written"] > 200
    # A parser that kept the tree would need several times the file's 60 MB.
    assert result["extra_rss_mb"] < 30, result


@pytest.mark.parametrize("zipped", [False, True], ids=["export.xml", "export.zip"])
def test_a_file_of_unknown_elements_is_read_in_flat_memory(zipped):
    # 40 MB of elements the importer does not know, top-level and all inside
    # one element: a reader that kept them would need about 22 times the file
    result = import_memory.run(40, zipped=zipped, junk=True)
    assert result["walks_found"] == 0
    assert result["extra_rss_mb"] < 30, result
