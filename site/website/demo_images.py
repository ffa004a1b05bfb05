"""Demo pictures drawn with Pillow, so the demo needs no downloads."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def demo_image(title, colour=(179, 22, 11), size=(1200, 675)):
    """The Wagtail image called `title`, drawn the first time it is asked for."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    width, height = size
    # A flag-like star and stripes: recognisable, cheap to encode, and clearly a placeholder.
    cx, cy, r = width // 2, height // 2, min(size) // 4
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 221, 0))
    draw.rectangle([0, height - 60, width, height], fill=(40, 40, 40))
    draw.text((20, height - 45), title[:90], fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=70)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:40]
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg"))
