"""No two approved bookings of a room overlap – enforced by PostgreSQL.

An exclusion constraint over (room, [starts_at, blocked_until)) for approved rows, using btree_gist
for the equality on ``room_id``. Both operations do nothing on other databases (SQLite serialises
approvals in ``BookingWorkflow.lock`` instead), and neither touches the migration state, so
``makemigrations --check`` stays clean on every database.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import F, Func, Q, Value

CONSTRAINT = "booking_no_overlapping_approved"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = None

    def __init__(self, start, end):
        from django.contrib.postgres.fields import DateTimeRangeField

        super().__init__(start, end, Value("[)"), output_field=DateTimeRangeField())


def exclusion_constraint():
    return ExclusionConstraint(
        name=CONSTRAINT,
        expressions=[
            (F("room"), RangeOperators.EQUAL),
            (TsTzRange(F("starts_at"), F("blocked_until")), RangeOperators.OVERLAPS),
        ],
        condition=Q(status="approved"),
        violation_error_message="Sala jest już zarezerwowana w tym terminie.",
    )


class PostgresOnlyConstraint(migrations.operations.base.Operation):
    """Add (or drop, backwards) a constraint on PostgreSQL only; the model state is unchanged."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name, build):
        self.model_name = model_name
        self.build = build

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_constraint(model, self.build())

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_constraint(model, self.build())

    def describe(self):
        return f"Add PostgreSQL-only exclusion constraint on {self.model_name}"

    def deconstruct(self):
        return self.__class__.__name__, [self.model_name, self.build], {}


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        PostgresOnlyConstraint("booking", exclusion_constraint),
    ]
