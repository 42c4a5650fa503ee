"""Spreadsheet exports of what visitors typed: cells a spreadsheet program never runs as formulas.

A visitor can write ``=HYPERLINK("http://…")`` into any free-text field of a public form; when staff
open an export, a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
evaluated. :func:`safe_cell` prefixes such text with an apostrophe (shown as text, not run).

:class:`SafeExportIndexView` is the index view for ``wagtail-modeladmin`` registers of visitor
records: Wagtail already stores XLSX formulas as text, but its CSV export writes cells as they
are, in UTC and without a byte-order mark (spreadsheet programs then misread Polish letters).
"""

import datetime
import json
from collections import OrderedDict

from django.contrib.admin.utils import label_for_field, lookup_field
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from wagtail_modeladmin.views import IndexView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that would start a formula gets a leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeExportIndexView(IndexView):
    """A register's list view whose CSV export is formula-safe, in local time and readable as UTF-8.

    Column headings are the fields' Polish labels (``export_headings`` on the ``ModelAdmin`` overrides
    them), choices are exported by their label and empty values as empty cells.
    """

    def get_heading(self, queryset, field):
        override = getattr(self.model_admin, "export_headings", {}).get(field)
        if override:
            return force_str(override)
        return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        row = OrderedDict()
        for name in self.list_export:
            field, _attr, value = lookup_field(name, item, self.model_admin)
            if field is not None and getattr(field, "choices", None):
                value = dict(field.flatchoices).get(value, value)
            row[name] = "" if value is None else value
        return row

    def preprocess_field_value(self, field, value, export_format):
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(field, value, export_format)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        rows = response.streaming_content
        response.streaming_content = self.with_byte_order_mark(rows)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    @staticmethod
    def with_byte_order_mark(rows):
        yield "\ufeff".encode()
        yield from rows
