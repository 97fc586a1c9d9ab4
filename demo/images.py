"""Illustrations for demo news stories, drawn locally with Pillow.

Nothing is downloaded: each theme is a small flat drawing made of shapes,
with no text in the picture (text in images is hard to read and to
translate), and alt text that says what it shows. Images are found by title,
so a rerun reuses them instead of piling up copies.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw

WIDTH, HEIGHT = 1200, 675

SKY = "#cfe6f5"
GRASS = "#6fa35a"
ROAD = "#4a4f55"
WHITE = "#ffffff"


def _canvas(sky=SKY):
    image = PillowImage.new("RGB", (WIDTH, HEIGHT), sky)
    return image, ImageDraw.Draw(image)


def _sun(draw, x=1020, y=120, r=60):
    draw.ellipse((x - r, y - r, x + r, y + r), fill="#f6c343")


def _tree(draw, x, ground, size=1.0):
    trunk_w, trunk_h, crown = int(24 * size), int(90 * size), int(80 * size)
    draw.rectangle((x - trunk_w // 2, ground - trunk_h, x + trunk_w // 2, ground), fill="#7a5230")
    draw.ellipse((x - crown, ground - trunk_h - crown * 1.6, x + crown, ground - trunk_h + crown * 0.4), fill="#3f7d3a")


def draw_streets():
    image, draw = _canvas()
    for i, (w, h) in enumerate([(160, 260), (120, 200), (200, 320), (140, 230), (180, 280)]):
        x = 40 + i * 230
        draw.rectangle((x, 400 - h, x + w, 400), fill=["#8a9bb0", "#a3b1c2", "#7b8ca1"][i % 3])
        for wy in range(400 - h + 30, 380, 50):
            for wx in range(x + 20, x + w - 30, 45):
                draw.rectangle((wx, wy, wx + 22, wy + 28), fill="#e8eef5")
    draw.rectangle((0, 400, WIDTH, HEIGHT), fill=GRASS)
    draw.polygon([(420, 400), (780, 400), (1150, HEIGHT), (50, HEIGHT)], fill=ROAD)
    for step in range(6):
        top = 410 + step * 45
        draw.polygon([(596, top), (604, top), (606 + step * 2, top + 28), (594 - step * 2, top + 28)], fill="#f2d13d")
    draw.polygon([(880, 640), (960, 640), (935, 500), (905, 500)], fill="#f28c28")
    draw.rectangle((870, 632, 970, 650), fill="#d9731c")
    draw.rectangle((897, 550, 943, 570), fill=WHITE)
    return image


def draw_water():
    image, draw = _canvas("#e3f2fb")
    draw.ellipse((450, 180, 750, 480), fill="#2d7fc1")
    draw.polygon([(470, 290), (730, 290), (600, 40)], fill="#2d7fc1")
    draw.ellipse((520, 250, 580, 330), fill="#8cc4ee")
    for row in range(4):
        y = 520 + row * 38
        for x in range(-60, WIDTH, 120):
            draw.arc((x, y, x + 120, y + 50), 200, 340, fill="#2d7fc1", width=8)
    return image


def draw_parks():
    image, draw = _canvas()
    _sun(draw)
    draw.ellipse((-200, 380, 700, 900), fill="#7db86a")
    draw.ellipse((500, 420, 1400, 950), fill=GRASS)
    for x, size in [(170, 1.1), (330, 0.8), (1000, 1.2)]:
        _tree(draw, x, 560, size)
    draw.polygon([(560, 380), (820, 380), (690, 300)], fill="#b5462f")
    for x in (585, 680, 775):
        draw.rectangle((x, 380, x + 18, 520), fill="#6b4a2f")
    draw.rectangle((580, 470, 800, 490), fill="#8a6240")
    return image


def draw_city_hall():
    image, draw = _canvas()
    _sun(draw, 150, 110, 50)
    draw.rectangle((0, 560, WIDTH, HEIGHT), fill=GRASS)
    draw.rectangle((300, 300, 900, 540), fill="#f0ebe0")
    draw.polygon([(270, 300), (930, 300), (600, 170)], fill="#e2dccd")
    for x in range(330, 880, 75):
        draw.rectangle((x, 320, x + 28, 530), fill=WHITE)
    for step in range(3):
        draw.rectangle((280 - step * 20, 540 + step * 12, 920 + step * 20, 552 + step * 12), fill="#d8d1c2")
    draw.rectangle((596, 60, 604, 175), fill="#555555")
    draw.rectangle((604, 60, 690, 110), fill="#2e5c8a")
    draw.rectangle((604, 85, 690, 95), fill="#c0392b")
    return image


def draw_fire():
    image, draw = _canvas()
    draw.rectangle((0, 560, WIDTH, HEIGHT), fill="#9aa3ab")
    draw.rectangle((140, 220, 760, 560), fill="#b33a2b")
    draw.polygon([(120, 220), (780, 220), (450, 120)], fill="#8e2c20")
    for x in (190, 480):
        draw.rectangle((x, 330, x + 230, 560), fill="#e6e6e6")
        for y in range(350, 560, 40):
            draw.line((x, y, x + 230, y), fill="#bdbdbd", width=4)
    draw.rectangle((760, 420, 1120, 540), fill="#d0302a")
    draw.rectangle((1020, 360, 1120, 470), fill="#d0302a")
    draw.rectangle((1035, 375, 1105, 420), fill="#cfe6f5")
    draw.rectangle((790, 395, 1000, 410), fill="#c9c9c9")
    for x in (820, 1060):
        draw.ellipse((x - 40, 510, x + 40, 590), fill="#222222")
        draw.ellipse((x - 15, 535, x + 15, 565), fill="#999999")
    return image


def draw_recycling():
    image, draw = _canvas()
    _sun(draw)
    draw.rectangle((0, 470, WIDTH, HEIGHT), fill=GRASS)
    draw.rectangle((0, 560, WIDTH, HEIGHT), fill="#b8bcc0")
    for x, color, lid in [(360, "#2f6f3e", "#24552f"), (640, "#2c66b0", "#1f4f8c")]:
        draw.polygon([(x, 260), (x + 200, 260), (x + 185, 560), (x + 15, 560)], fill=color)
        draw.rectangle((x - 12, 235, x + 212, 265), fill=lid)
        draw.ellipse((x + 10, 530, x + 60, 580), fill="#222222")
        draw.ellipse((x + 140, 530, x + 190, 580), fill="#222222")
    for angle in (0, 120, 240):
        draw.arc((700, 340, 780, 420), angle + 10, angle + 100, fill=WHITE, width=10)
    return image


THEMES = {
    "streets": (draw_streets, "Illustration of a city street with fresh pavement and an orange traffic cone."),
    "water": (draw_water, "Illustration of a drop of water above rippling water."),
    "parks": (draw_parks, "Illustration of a park with trees, a picnic pavilion and the sun."),
    "city-hall": (draw_city_hall, "Illustration of City Hall, a columned building with a flag."),
    "fire": (draw_fire, "Illustration of a fire station with a red fire truck parked outside."),
    "recycling": (draw_recycling, "Illustration of a green trash cart and a blue recycling cart at the curb."),
}


def demo_image(theme):
    """The Wagtail image for ``theme``, drawn and stored the first time it is asked for."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    title = f"Demo illustration: {theme.replace('-', ' ')}"
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    draw, _ = THEMES[theme]
    buffer = io.BytesIO()
    draw().save(buffer, format="PNG", optimize=True)
    image = image_model(title=title, file=ImageFile(buffer, name=f"demo-{theme}.png"))
    image.save()
    return image


def alt_text(theme):
    return THEMES[theme][1]
