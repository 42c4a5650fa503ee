"""Polish registry numbers of organisations: KRS, NIP and REGON (checksums from python-stdnum)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-./]")


def compact(value: str | None) -> str:
    """The digits as people type them, without spaces, dashes, dots or a "PL" prefix."""
    value = _SEPARATORS.sub("", value or "").upper()
    return value.removeprefix("PL")


def validate_krs(value: str) -> None:
    if not re.fullmatch(r"\d{10}", compact(value)):
        raise ValidationError(_("Numer KRS ma dokładnie 10 cyfr, np. 0000123456."), code="invalid_krs")


def validate_nip(value: str) -> None:
    try:
        stdnum_nip.validate(compact(value))
    except StdnumError:
        raise ValidationError(
            _("To nie jest poprawny NIP: sprawdź 10 cyfr (suma kontrolna się nie zgadza)."),
            code="invalid_nip",
        ) from None


def validate_regon(value: str) -> None:
    try:
        stdnum_regon.validate(compact(value))
    except StdnumError:
        raise ValidationError(
            _("To nie jest poprawny REGON: sprawdź 9 lub 14 cyfr (suma kontrolna się nie zgadza)."),
            code="invalid_regon",
        ) from None


def with_check_digit_nip(first9: str) -> str:
    """A valid NIP from 9 digits (demo data and tests); "" when no check digit fits those 9."""
    return next((first9 + d for d in "0123456789" if stdnum_nip.is_valid(first9 + d)), "")


def with_check_digit_regon(first8: str) -> str:
    """A valid 9-digit REGON from 8 digits (demo data and tests)."""
    return first8 + stdnum_regon.calc_check_digit(first8)


def valid_nip(n: int) -> str:
    """The n-th valid NIP of a deterministic series (skips prefixes without a fitting check digit)."""
    base = 642_000_000 + n * 7
    while not (nip := with_check_digit_nip(f"{base:09d}")):
        base += 1
    return nip


def valid_regon(n: int) -> str:
    return with_check_digit_regon(f"{24_000_000 + n:08d}")


def valid_krs(n: int) -> str:
    return f"{n:010d}"
