import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from artisans.images import image_normalise


def _upload(image: Image.Image, fmt: str = "JPEG", name: str = "photo.jpg", **save_kwargs) -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, format=fmt, **save_kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _open(content) -> Image.Image:
    return Image.open(io.BytesIO(content.read()))


def test_a_large_phone_photo_is_stored_as_an_rgb_jpeg_at_most_2000_px():
    # Given a 4000×3000 PNG with transparency
    upload = _upload(Image.new("RGBA", (4000, 3000), (200, 10, 10, 128)), fmt="PNG", name="vase.png")
    # When it is normalised
    stored = _open(image_normalise(upload=upload))
    # Then it is a 2000×1500 RGB JPEG
    assert (stored.format, stored.mode, stored.size) == ("JPEG", "RGB", (2000, 1500))


def test_exif_orientation_is_applied_and_all_exif_including_gps_is_removed():
    # Given a portrait photo stored sideways with orientation 6 and a GPS position
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (26.0, 50.0, 0.0)}
    upload = _upload(Image.new("RGB", (300, 200), "white"), exif=exif.tobytes())
    # When it is normalised
    stored = _open(image_normalise(upload=upload))
    # Then it stands upright and carries no EXIF at all
    assert stored.size == (200, 300)
    assert not stored.getexif()
    assert "exif" not in stored.info


def test_a_file_that_is_not_an_image_is_refused_with_a_reason():
    upload = SimpleUploadedFile("price-list.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not a photo we can read") as error:
        image_normalise(upload=upload)
    assert error.value.code == "not_an_image"


def test_a_file_over_15_mb_is_refused_before_it_is_opened():
    upload = SimpleUploadedFile("huge.jpg", b"\\xff" * (15 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="at most 15 MB"):
        image_normalise(upload=upload)


@pytest.mark.parametrize("size", [(8000, 6000), (6001, 4000), (40_000, 1000), (1, 30_000_000)])
def test_a_decompression_bomb_over_24_megapixels_is_refused_from_its_header(size, monkeypatch):
    # Given a tiny file that declares more than 24 MP
    upload = _upload(Image.new("1", size), fmt="PNG", name="bomb.png")
    assert upload.size < 1024 * 1024
    # When it is checked, then it is refused without being decoded
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("decoded a refused photo"))
    with pytest.raises(ValidationError, match="at most 24 megapixels") as error:
        image_normalise(upload=upload)
    assert error.value.code == "too_many_pixels"


def test_a_photo_with_transparency_may_have_half_the_pixels():
    # Shrinking it makes a premultiplied copy: 12 MP keeps it under 150 MB (bench/bench_image_memory.py)
    upload = _upload(Image.new("RGBA", (5000, 3000)), fmt="PNG", name="cut-out.png")
    with pytest.raises(ValidationError, match="at most 12 megapixels"):
        image_normalise(upload=upload)


def test_a_billion_pixel_bomb_is_refused_as_too_many_pixels():
    upload = _upload(Image.new("1", (40_000, 25_000)), fmt="PNG", name="bomb.png")
    with pytest.raises(ValidationError, match="far too many pixels") as error:
        image_normalise(upload=upload)
    assert error.value.code == "too_many_pixels"


def test_a_24_megapixel_photo_is_accepted_and_shrunk():
    upload = _upload(Image.new("RGB", (6000, 4000), "orange"), fmt="PNG", name="big.png")
    assert _open(image_normalise(upload=upload)).size == (2000, 1333)


def test_a_large_jpeg_stored_sideways_is_shrunk_and_stood_upright():
    exif = Image.Exif()
    exif[0x0112] = 8
    upload = _upload(Image.new("RGB", (4000, 3000), "white"), exif=exif.tobytes())
    assert _open(image_normalise(upload=upload)).size == (1500, 2000)


def test_an_animated_gif_is_refused():
    frames = [Image.new("RGB", (50, 50), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    upload = SimpleUploadedFile("dance.gif", out.getvalue(), content_type="image/gif")
    with pytest.raises(ValidationError, match="Animated images are not accepted"):
        image_normalise(upload=upload)


def test_a_truncated_jpeg_is_refused_not_crashed_on():
    good = _upload(Image.new("RGB", (400, 400), "green")).read()
    upload = SimpleUploadedFile("cut.jpg", good[: len(good) // 3], content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not a photo we can read"):
        image_normalise(upload=upload)
