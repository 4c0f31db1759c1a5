import shutil
from pathlib import Path

import oscar
import pytest
from django.core.cache import cache
from django.utils import translation

from catalogue_ext.models import State
from catalogue_ext.services import odop_reference_load


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and thumbnails go to a throwaway folder, with Oscar's placeholder image in place."""
    root = tmp_path_factory.mktemp("media")
    shutil.copyfile(
        Path(oscar.__file__).parent / "static/oscar/img/image_not_found.jpg",
        root / settings.OSCAR_MISSING_IMAGE_URL,
    )
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (pages, counts and the catalogue version live there)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_after_each_test(settings):
    """A test that renders a page in Hindi leaves the thread's language behind; the next starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def attempt_counters_cleared():
    """Sign-up and password-reset attempts are counted in the cache (shop.throttle): each test starts at 0."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The ODOP reference data is loaded once; every test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        odop_reference_load()


@pytest.fixture
def ops(django_user_model):
    """Someone on the ops desk: staff, so the dashboard and the fulfilment screens are theirs."""
    return django_user_model.objects.create_user(
        username="ops", email="ops@example.com", password="pass-1234-word", is_staff=True
    )


@pytest.fixture
def ops_client(client, ops):
    client.force_login(ops)
    return client


@pytest.fixture
def odop_reference(db):
    """Reference data for tests that need it, reloaded if a transactional test flushed it."""
    if not State.objects.exists():
        odop_reference_load()


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """SMS go to a list in memory (like mail.outbox); never to a provider."""
    from phone_auth import sms

    settings.SMS_BACKEND = "outbox"
    sms.outbox.clear()
    return sms.outbox


@pytest.fixture(autouse=True)
def whatsapp_outbox(settings):
    """WhatsApp template messages go to a list in memory; never to Meta."""
    from notifications import channels

    settings.WHATSAPP_BACKEND = "outbox"
    channels.whatsapp_outbox.clear()
    return channels.whatsapp_outbox
