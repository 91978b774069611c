"""The README's screenshots can be remade: the script finds the pages on Start here and shoots each."""

import struct

from whosaid.screenshots import HEIGHT, WIDTH, take


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_the_screenshot_script_shoots_each_page_the_readme_shows(db_path, tmp_path):
    written = take(db_path, tmp_path)
    assert sorted(path.name for path in written) == ["article-page.png", "issue-page.png", "person-page.png",
                                                     "positions-on-us-troops.png", "quote-page.png"]
    for path in written:
        width, height = png_size(path)
        if path.name == "positions-on-us-troops.png":
            assert 200 < width < WIDTH and 100 < height < HEIGHT, (path, width, height)   # the chart alone
        else:
            assert (width, height) == (WIDTH, HEIGHT), path
