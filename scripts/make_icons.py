"""Draw the app icons (static/img/icon-*.png) from the favicon's walker shape.

Run once when the design changes: `.venv/bin/python scripts/make_icons.py`.
The maskable icon keeps the figure inside the central 80 % safe zone.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "img"
BLUE = (29, 79, 115, 255)
WHITE = (255, 255, 255, 255)
# The favicon's walker, in a 32-unit box: head circle and body polygon.
HEAD = (16, 8.5, 2.5)
BODY = [(13, 13), (18, 13), (21, 18), (19, 19), (17, 16), (16, 20), (19, 27), (16.5, 27),
        (14, 21), (12, 27), (10, 27), (13, 18)]  # fmt: skip


def draw(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), BLUE if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.ellipse((0, 0, big - 1, big - 1), fill=BLUE)
    # the figure fills 60 % of a maskable icon, 80 % of a round one
    unit = big * (0.6 if maskable else 0.8) / 32
    offset = (big - 32 * unit) / 2
    cx, cy, r = HEAD
    pen.ellipse(
        (offset + (cx - r) * unit, offset + (cy - r) * unit,
         offset + (cx + r) * unit, offset + (cy + r) * unit),
        fill=WHITE,
    )  # fmt: skip
    pen.polygon([(offset + x * unit, offset + y * unit) for x, y in BODY], fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    for size in (192, 512):
        draw(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw(180, maskable=True).save(OUT / "apple-touch-icon.png", optimize=True)
