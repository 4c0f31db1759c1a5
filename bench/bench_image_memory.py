"""Peak memory of checking one uploaded photo (issue 12: under 150 MB), for the worst files we can build.

Each case runs in a fresh process so its peak resident memory (resource.getrusage, which sees Pillow's
C allocations that tracemalloc does not) is its own; the figure printed is the peak above the process's
size just before the check. Run by hand: `.venv/bin/python bench/bench_image_memory.py`.
"""

import io
import os
import resource
import subprocess
import sys
import time

import django

CASES = {
    # just under the caps (24 MP, 12 MP with transparency), compressing to almost nothing
    "png-rgb-24mp": ("PNG", "RGB", (6000, 4000)),
    "png-rgb-24mp-strip": ("PNG", "RGB", (24_000_000 // 2000, 2000)),
    "png-rgba-12mp": ("PNG", "RGBA", (4000, 3000)),
    "png-la-12mp": ("PNG", "LA", (4000, 3000)),
    "png-16bit-24mp": ("PNG16", "I;16", (6000, 4000)),
    "png-palette-24mp": ("PNG", "P", (6000, 4000)),
    "webp-rgba-12mp": ("WEBP", "RGBA", (4000, 3000)),
    "jpeg-cmyk-24mp": ("JPEG", "CMYK", (6000, 4000)),
    "jpeg-rgb-24mp": ("JPEG", "RGB", (6000, 4000)),
    # over the caps: refused from the header
    "png-rgba-24mp": ("PNG", "RGBA", (6000, 4000)),
    "png-bomb-48mp": ("PNG", "1", (8000, 6000)),
    "png-bomb-1gp": ("PNG", "1", (40_000, 25_000)),
}


def _file(fmt: str, mode: str, size: tuple[int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    if fmt == "PNG16":
        image = Image.new(mode, size, 1000)
        image.save(out, format="PNG")
    else:
        image = Image.new(mode, size, 0 if mode in ("1", "P") else None)
        image.save(out, format=fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return out.getvalue()


def child(name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from artisans.images import image_normalise

    data = _file(*CASES[name])
    upload = SimpleUploadedFile(f"{name}.bin", data)
    del data
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    start = time.perf_counter()
    try:
        image_normalise(upload=upload)
        outcome = "accepted"
    except ValidationError as error:
        outcome = f"refused ({error.code})"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{name:24} {upload.size / 1024:9.0f} KB  {outcome:26} {seconds:6.2f} s  peak +{(peak - before) / 1024:6.1f} MB"
    )


def main() -> None:
    print(f"{'case':24} {'file':>12}  {'outcome':26} {'time':>8}  peak above start")
    for name in CASES:
        subprocess.run([sys.executable, __file__, name], check=True)


if __name__ == "__main__":
    child(sys.argv[1]) if len(sys.argv) > 1 else main()
