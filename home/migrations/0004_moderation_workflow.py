"""The "Akceptacja COP" moderation workflow: COP staff approve or reject external editors' changes."""

from django.db import migrations

MODERATION_WORKFLOW = "Akceptacja COP"
TASK_NAME = "Akceptacja przez pracownika COP"
STAFF_GROUP = "Pracownicy COP"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_content_type, active=True)
    task.groups.add(Group.objects.get(name=STAFF_GROUP))
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=MODERATION_WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_external_editor_subtree"),
        ("home", "0002_staff_group"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
