"""Every uploaded photo is checked and normalised with Pillow before it is stored."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_EDGE = 2000


def image_normalise(*, upload) -> ContentFile:
    """An RGB JPEG, upright, at most 2000 px on its longest edge, without EXIF (GPS can reveal a home).

    Raises ValidationError saying why the file was refused.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("This file is %(size).1f MB; photos can be at most 15 MB.") % {"size": upload.size / 1024 / 1024},
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("This photo is %(mp).0f megapixels; photos can be at most 40 megapixels.")
                    % {"mp": width * height / 1_000_000},
                    code="too_many_pixels",
                )
            if getattr(probe, "is_animated", False) and getattr(probe, "n_frames", 1) > 1:
                raise ValidationError(_("Animated images are not accepted; upload a still photo."), code="animated")
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not a photo we can read; upload a JPEG, PNG or WebP image."), code="not_an_image"
        ) from None
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    stem = Path(getattr(upload, "name", "") or "photo").stem[:60] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg")
