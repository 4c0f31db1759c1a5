from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fulfilment.models import CodRemittance, CodRemittanceLine
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier
from tests.factories_remittance import parcel, remittance_csv

pytestmark = pytest.mark.usefixtures("odop_reference")


@pytest.fixture
def aggregator(db):
    carrier("self-ship")
    return carrier("aggregator")


def run(*args) -> str:
    out = StringIO()
    call_command("import_cod_remittance", *args, stdout=out, verbosity=0)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_imports_a_file_and_prints_a_summary(tmp_path, aggregator):
    # given a delivered parcel and the carrier's file
    parcel(partner=VerifiedArtisanPartnerFactory(), awb="AGG1")
    path = tmp_path / "cod-2024-06-15.csv"
    path.write_bytes(
        remittance_csv(("AGG1", "1,309.00", "UTR1", "2024-06-15"), ("AGG2", "99.50", "UTR1", "2024-06-15"))
    )
    # when ops run the command
    output = run(str(path), "--carrier", "aggregator")
    # then the file is imported and the summary counts every outcome with its amounts
    remittance = CodRemittance.objects.get()
    assert remittance.file_name == "cod-2024-06-15.csv"
    assert f"Remittance #{remittance.pk} from Courier aggregator: 2 rows, ₹1,408.50." in output
    assert "  Matched: 1, remitted ₹1,309.00, expected ₹1,309.00" in output
    assert "  Unknown AWB: 1, remitted ₹99.50, expected ₹0.00" in output
    assert "  Already remitted: 0" in output and "  Remitted but not delivered: 0" in output
    assert "Discrepancies to resolve: 1." in output


@pytest.mark.django_db
def test_a_malformed_file_exits_1_naming_file_line_and_reason_with_nothing_written(tmp_path, aggregator):
    path = tmp_path / "june.csv"
    path.write_bytes(
        remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"), ("AGG2", "12.345", "UTR1", "2024-06-15"))
    )
    with pytest.raises(CommandError) as error:
        run(str(path), "--carrier", "aggregator")
    assert error.value.returncode == 1
    assert str(error.value) == f"{path}, line 3: amount '12.345' has more than two decimals"
    assert CodRemittanceLine.objects.count() == 0


@pytest.mark.django_db
def test_the_same_file_again_exits_1_politely_with_nothing_written(tmp_path, aggregator):
    path = tmp_path / "june.csv"
    path.write_bytes(remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")))
    run(str(path), "--carrier", "aggregator")
    with pytest.raises(CommandError) as error:
        run(str(path), "--carrier", "aggregator")
    assert error.value.returncode == 1
    assert "This file was already imported on" in str(error.value)
    assert (CodRemittance.objects.count(), CodRemittanceLine.objects.count()) == (1, 1)


@pytest.mark.django_db
def test_an_unknown_carrier_is_refused_listing_the_known_codes(tmp_path, aggregator):
    path = tmp_path / "june.csv"
    path.write_bytes(remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")))
    with pytest.raises(CommandError, match="Unknown carrier 'delhivery'; known carriers: aggregator, self-ship."):
        run(str(path), "--carrier", "delhivery")


@pytest.mark.django_db
def test_a_carrier_without_cash_on_delivery_is_refused(tmp_path, aggregator):
    path = tmp_path / "june.csv"
    path.write_bytes(remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")))
    with pytest.raises(CommandError, match="does not collect cash on delivery"):
        run(str(path), "--carrier", "self-ship")
    assert CodRemittance.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path, aggregator):
    with pytest.raises(CommandError, match="cannot read the file"):
        run(str(tmp_path / "nowhere.csv"), "--carrier", "aggregator")


@pytest.mark.django_db
def test_the_progress_bar_goes_to_stderr(tmp_path, aggregator, capsys):
    path = tmp_path / "june.csv"
    path.write_bytes(remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")))
    call_command("import_cod_remittance", str(path), "--carrier", "aggregator", stdout=StringIO())
    assert "1/1" in capsys.readouterr().err
