"""Every uploaded photo is checked and normalised with Pillow before it is stored."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
# Refused from the header's dimensions and mode, before anything is decoded, so one photo stays under
# 150 MB of memory (bench/bench_image_memory.py measures the worst files we could build: ~135 MB).
# Pillow keeps most modes at 4 bytes a pixel: 24 MP (6000×4000, a full-frame camera) is 96 MB decoded.
# Shrinking a photo with transparency makes a premultiplied copy, so those may have half the pixels.
MAX_PIXELS = 24_000_000
MAX_PIXELS_WITH_ALPHA = 12_000_000
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
MAX_EDGE = 2000
# EXIF orientation → the transpose that makes the photo upright (ImageOps.exif_transpose's table),
# applied after shrinking so no full-size copy is made.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


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
            width, height = probe.size  # from the header: nothing decoded yet
            cap = MAX_PIXELS_WITH_ALPHA if probe.mode in ALPHA_MODES else MAX_PIXELS
            if width * height > cap:
                raise ValidationError(
                    _("This photo is %(mp).0f megapixels; photos can be at most %(max)d megapixels.")
                    % {"mp": width * height / 1_000_000, "max": cap // 1_000_000},
                    code="too_many_pixels",
                )
            if getattr(probe, "is_animated", False) and getattr(probe, "n_frames", 1) > 1:
                raise ValidationError(_("Animated images are not accepted; upload a still photo."), code="animated")
            orientation = probe.getexif().get(0x0112, 1)
            probe.draft("RGB", (MAX_EDGE, MAX_EDGE))  # a JPEG decodes straight at 1/2, 1/4 or 1/8 size
            probe.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)  # decodes, then shrinks in place
            image = probe.transpose(_UPRIGHT[orientation]) if orientation in _UPRIGHT else probe.copy()
    except Image.DecompressionBombError:  # so many pixels that Pillow refuses to open it at all
        raise ValidationError(
            _("This photo has far too many pixels; photos can be at most %(max)d megapixels.")
            % {"max": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, KeyError):
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
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    stem = Path(getattr(upload, "name", "") or "photo").stem[:60] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg")
