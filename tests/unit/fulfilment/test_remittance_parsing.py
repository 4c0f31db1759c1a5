import time
from datetime import date
from decimal import Decimal

import pytest

from fulfilment.carriers.base import RemittanceFileError, RemittanceRow
from fulfilment.carriers.remittance_csv import remittance_csv_parse


def parse(text: str, **kwargs) -> list[RemittanceRow]:
    return remittance_csv_parse(data=text.encode(), **kwargs)


def test_a_well_formed_file_gives_one_row_per_line_with_its_line_number():
    # given a carrier's file with a BOM, header names in other case and spacing, an extra column,
    # Indian and international comma grouping, all three date forms and a blank line
    data = (
        "\ufeff AWB , Amount,UTR,Remitted On,Consignee\n"
        'agg000001,"1,309.00",UTR001,2024-06-15,Asha\n'
        "\n"
        'AGG000002,"1,23,456.5",UTR001,15-06-2024,Meera\n'
        'AGG000003,"₹123,456",UTR002,05/07/2024,Ravi\n'
        "AGG000004,0,UTR002,5/7/2024,Zero\n"
    ).encode()
    # when parsed
    rows = remittance_csv_parse(data=data)
    # then every amount is an exact Decimal in rupees, dates are day first, AWBs in capitals
    assert rows == [
        RemittanceRow(
            line_number=2, awb="AGG000001", amount=Decimal("1309.00"), utr="UTR001", remitted_on=date(2024, 6, 15)
        ),
        RemittanceRow(
            line_number=4, awb="AGG000002", amount=Decimal("123456.50"), utr="UTR001", remitted_on=date(2024, 6, 15)
        ),
        RemittanceRow(
            line_number=5, awb="AGG000003", amount=Decimal("123456.00"), utr="UTR002", remitted_on=date(2024, 7, 5)
        ),
        RemittanceRow(
            line_number=6, awb="AGG000004", amount=Decimal("0.00"), utr="UTR002", remitted_on=date(2024, 7, 5)
        ),
    ]
    assert str(rows[0].amount) == "1309.00"


def test_a_carrier_with_its_own_header_names_maps_them_to_ours():
    # given a file whose columns are named the carrier's way
    text = 'Waybill,COD Amount,Bank Ref,Date\nAGG1,"1,309.00",UTR9,2024-06-15\n'
    # when parsed with a column map naming only the ones that differ... all of them here
    rows = parse(text, columns={"awb": "Waybill", "amount": "cod amount", "utr": "Bank Ref", "remitted_on": "date"})
    # then the row reads the same as with our names
    assert rows == [
        RemittanceRow(line_number=2, awb="AGG1", amount=Decimal("1309.00"), utr="UTR9", remitted_on=date(2024, 6, 15))
    ]


def test_a_column_map_with_a_field_we_do_not_know_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown remittance fields: weight"):
        parse("awb,amount,utr,remitted_on\n", columns={"weight": "Weight"})


GOOD = "AGG1,1309.00,UTR1,2024-06-15"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        # the file itself
        ("", 1, "the file is empty"),
        ("\ufeff \n\n", 1, "the file is empty"),
        ("awb,amount,utr,remitted_on\n", 2, "the file has a header but no rows"),
        # the header
        ("awb,amount,reference,remitted_on\n" + GOOD, 1, "the header has no utr column"),
        (GOOD + "\n" + GOOD, 1, "the header has no awb column"),
        ("awb,amount,utr,remitted_on,AWB\n" + GOOD + ",x", 1, "the header has awb twice"),
        # the number of fields
        (f"awb,amount,utr,remitted_on\n{GOOD}\nAGG2,1309.00,UTR1\n", 3, "expected 4 fields like the header, found 3"),
        (f"awb,amount,utr,remitted_on\n{GOOD}\n{GOOD},extra\n", 3, "expected 4 fields like the header, found 5"),
        # amounts
        ('awb,amount,utr,remitted_on\nAGG1,"1,309.005",UTR1,2024-06-15\n', 2, "has more than two decimals"),
        ("awb,amount,utr,remitted_on\nAGG1,-10.00,UTR1,2024-06-15\n", 2, "is negative"),
        ("awb,amount,utr,remitted_on\nAGG1,1.3e3,UTR1,2024-06-15\n", 2, "is not an amount in rupees"),
        ('awb,amount,utr,remitted_on\nAGG1,"13,09.00",UTR1,2024-06-15\n', 2, "is not an amount in rupees"),
        ("awb,amount,utr,remitted_on\nAGG1,Rs 1309,UTR1,2024-06-15\n", 2, "is not an amount in rupees"),
        ("awb,amount,utr,remitted_on\nAGG1,१३०९,UTR1,2024-06-15\n", 2, "is not an amount in rupees"),
        ("awb,amount,utr,remitted_on\nAGG1,,UTR1,2024-06-15\n", 2, "amount is empty"),
        (
            "awb,amount,utr,remitted_on\nAGG1,1000000.00,UTR1,2024-06-15\n",
            2,
            "is more than ₹9,99,999.99 for one parcel",
        ),
        # dates
        (f"awb,amount,utr,remitted_on\n{GOOD}\nAGG2,1,UTR1,2024-13-01\n", 3, "date '2024-13-01' does not exist"),
        (f"awb,amount,utr,remitted_on\n{GOOD}\nAGG2,1,UTR1,31/02/2024\n", 3, "date '31/02/2024' does not exist"),
        (f"awb,amount,utr,remitted_on\n{GOOD}\nAGG2,1,UTR1,06/15/2024\n", 3, "date '06/15/2024' does not exist"),
        ("awb,amount,utr,remitted_on\nAGG1,1,UTR1,15 Jun 2024\n", 2, "is not YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY"),
        ("awb,amount,utr,remitted_on\nAGG1,1,UTR1,15-06/2024\n", 2, "is not YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY"),
        ("awb,amount,utr,remitted_on\nAGG1,1,UTR1,\n", 2, "remitted_on is empty"),
        # references
        ("awb,amount,utr,remitted_on\n ,1309.00,UTR1,2024-06-15\n", 2, "awb is empty"),
        ("awb,amount,utr,remitted_on\nAGG1,1309.00,  ,2024-06-15\n", 2, "utr is empty"),
        (f"awb,amount,utr,remitted_on\n{'A' * 41},1309.00,UTR1,2024-06-15\n", 2, "awb is longer than 40 characters"),
        # CSV syntax
        (
            'awb,amount,utr,remitted_on\nAGG1,1309.00,UTR1,2024-06-15\nAGG2,"1,309"00,UTR1,2024-06-15\n',
            3,
            "malformed CSV",
        ),
        (
            'awb,amount,utr,remitted_on\nAGG1,1309.00,UTR1,2024-06-15\nAGG2,"1309.00,UTR1,2024-06-15\n',
            3,
            "malformed CSV",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_line_and_what_is_wrong(text, line, reason):
    # given a file with one mistake / when parsed / then the error names its line and the reason
    with pytest.raises(RemittanceFileError) as error:
        parse(text)
    assert error.value.line == line
    assert reason in error.value.reason
    assert str(error.value).startswith(f"line {line}: ")


def test_a_file_that_is_not_utf8_names_the_line_of_the_first_bad_byte():
    # given a file saved in Windows-1252 with a rupee-less "₹"-like byte on line 3
    data = b"awb,amount,utr,remitted_on\nAGG1,1309.00,UTR1,2024-06-15\nAGG2,1309.00,UTR\xa31,2024-06-15\n"
    # when parsed / then it is refused at line 3
    with pytest.raises(RemittanceFileError) as error:
        remittance_csv_parse(data=data)
    assert (error.value.line, error.value.reason) == (3, "the file is not UTF-8 text")


def test_the_first_bad_line_is_reported_even_when_later_lines_are_bad_too():
    text = "awb,amount,utr,remitted_on\n" + GOOD + "\nAGG2,abc,UTR1,2024-06-15\nAGG3,1,UTR1,yesterday\n"
    with pytest.raises(RemittanceFileError) as error:
        parse(text)
    assert error.value.line == 3


def test_a_hundred_thousand_rows_parse_in_well_under_two_seconds():
    # given a 100,000-row file (CPU time is measured, so other processes on the machine do not count)
    body = "\n".join(
        f'AGG{n:09d},"1,{n % 1000:03d}.50",UTR{n // 1000:06d},2024-06-{1 + n % 28:02d}' for n in range(100_000)
    )
    data = f"awb,amount,utr,remitted_on\n{body}\n".encode()
    # when parsed
    started = time.process_time()
    rows = remittance_csv_parse(data=data)
    elapsed = time.process_time() - started
    # then every row is there and it took well under two seconds
    assert len(rows) == 100_000
    assert rows[-1] == RemittanceRow(
        line_number=100_001,
        awb="AGG000099999",
        amount=Decimal("1999.50"),
        utr="UTR000099",
        remitted_on=date(2024, 6, 12),
    )
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_an_awb_pasted_with_spaces_or_in_small_letters_reads_as_the_number_we_stored():
    # Given a carrier's file whose AWB was typed "odx 000 000 123" in a spreadsheet
    rows = remittance_csv_parse(data=b'awb,amount,utr,remitted_on\n"odx 000 000 123",1309.00,UTR1,2026-11-20\n')
    # Then it is the same number our labels carry
    assert rows[0].awb == "ODX000000123"
