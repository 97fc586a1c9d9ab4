"""Who may do what: department groups and the site-wide roles.

A department is one unit of ownership. Setting one up creates, idempotently:

* an **editors** group — add and edit pages in the department's subtree;
  they cannot publish, so "Publish" becomes "Submit for approval";
* a **publishers** group — add, edit, publish, lock and unlock there;
* a **collection** for the department's images and documents, which both
  groups can add to, edit and choose from;
* an **approval workflow** attached to the department page: one
  ``GroupApprovalTask`` that the publishers group (and Communications)
  approves;
* the ``DepartmentRoles`` record that ties them together, so a renamed
  department keeps its groups.

The same :func:`setup_department` runs from ``manage.py create_department``
and from the admin (the ``after_create_page`` hook), so the two can never
drift apart.

Site-wide roles (:func:`setup_site_roles`, ``manage.py setup_roles``):
Communications edits and publishes everywhere (alerts included), Emergency
publisher raises, publishes and expires alerts anywhere and does nothing
else, Administrator has every permission.

Alerts: a department's publishers may raise alerts too, but only for their
own department's pages (alerts/permissions.py narrows them; the
``alerts.alert_anywhere`` permission is what lifts that limit). Alert
permissions are named here as strings so this layer never imports alerts.

Wagtail page permissions are ``GroupPagePermission`` rows pointing at an
``auth.Permission`` (``add_page``, ``change_page``, ``publish_page``…) and
apply to the page and everything under it. See
https://docs.wagtail.org/en/stable/topics/permissions.html
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
PUBLISHER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ALL_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]

#: What department staff may do with images and documents in their collection.
DEPARTMENT_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ALL_MEDIA_PERMISSIONS = DEPARTMENT_MEDIA_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]

#: Raise, edit, publish and expire (unpublish) alerts. Without ``alert_anywhere``, only
#: for the user's own departments.
ALERT_PERMISSIONS = [
    ("alerts", "add_alert"),
    ("alerts", "change_alert"),
    ("alerts", "publish_alert"),
    ("alerts", "view_alert"),
]
ALERT_ANYWHERE = [("alerts", "alert_anywhere")]

#: Django model permissions Communications needs outside the page tree.
COMMUNICATIONS_MODEL_PERMISSIONS = [
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("home", "change_citysettings"),
    # The feedback triage queue: every department's items and the city-wide queue.
    ("feedback", "view_feedback"),
    ("feedback", "change_feedback"),
    ("feedback", "triage_all_feedback"),
    # Every alert, anywhere, including deleting mistaken drafts.
    *ALERT_PERMISSIONS,
    *ALERT_ANYWHERE,
    ("alerts", "delete_alert"),
]

COMMUNICATIONS = "Communications"
EMERGENCY_PUBLISHER = "Emergency publisher"
ADMINISTRATOR = "Administrator"
SITE_ROLE_NAMES = [COMMUNICATIONS, EMERGENCY_PUBLISHER, ADMINISTRATOR]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return permission("wagtailcore", codename)


def admin_access():
    return permission("wagtailadmin", "access_admin")


def grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=page_permission(codename))


def grant_collection_permissions(group, collection, perms):
    for app_label, codename in perms:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )


def grant_model_permissions(group, perms):
    group.permissions.add(*[permission(app_label, codename) for app_label, codename in perms])


def editors_group_name(title):
    return f"{title} editors"[:150]


def publishers_group_name(title):
    return f"{title} publishers"[:150]


def _collection_for(title):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=title).first()
    return existing or root.add_child(name=title)


def _approval_workflow(title, publishers):
    workflow, _ = Workflow.objects.get_or_create(name=f"{title} approval"[:255])
    task = GroupApprovalTask.objects.filter(name=f"{title} publisher approval"[:255]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{title} publisher approval"[:255])
    task.groups.add(publishers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


@transaction.atomic
def setup_department(department):
    """Create (or repair) everything ``department`` needs; safe to run again.

    Returns the ``DepartmentRoles`` record. Existing groups, collection and
    workflow linked from that record are reused even if the department has
    since been renamed; anything missing is recreated.
    """
    from departments.models import DepartmentRoles

    roles, _ = DepartmentRoles.objects.get_or_create(department=department)
    title = department.title

    if roles.editors is None:
        roles.editors, _ = Group.objects.get_or_create(name=editors_group_name(title))
    if roles.publishers is None:
        roles.publishers, _ = Group.objects.get_or_create(name=publishers_group_name(title))
    if roles.collection is None:
        roles.collection = _collection_for(title)
    if roles.workflow is None:
        roles.workflow = _approval_workflow(title, roles.publishers)
    # Approvers: the department's publishers, and Communications (who publish everywhere) once
    # that role exists. Re-asserted on every run in case someone edited the task.
    approvers = [roles.publishers, *Group.objects.filter(name=COMMUNICATIONS)]
    for task in roles.workflow.tasks.specific():
        if isinstance(task, GroupApprovalTask):
            task.groups.add(*approvers)
    roles.save()

    access = admin_access()
    for group, page_perms in ((roles.editors, EDITOR_PAGE_PERMISSIONS), (roles.publishers, PUBLISHER_PAGE_PERMISSIONS)):
        group.permissions.add(access)
        grant_page_permissions(group, department, page_perms)
        grant_collection_permissions(group, roles.collection, DEPARTMENT_MEDIA_PERMISSIONS)
    # Publishers may alert their own department's pages; editors get nothing for alerts.
    grant_model_permissions(roles.publishers, ALERT_PERMISSIONS)

    WorkflowPage.objects.update_or_create(page=department, defaults={"workflow": roles.workflow})
    return roles


@transaction.atomic
def setup_site_roles():
    """Create the three site-wide groups with their permissions; idempotent."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    access = admin_access()

    communications, _ = Group.objects.get_or_create(name=COMMUNICATIONS)
    communications.permissions.add(access)
    grant_page_permissions(communications, root_page, ALL_PAGE_PERMISSIONS)
    grant_collection_permissions(communications, root_collection, ALL_MEDIA_PERMISSIONS)
    grant_model_permissions(communications, COMMUNICATIONS_MODEL_PERMISSIONS)

    # Sign in, and raise, publish and expire alerts anywhere: nothing else (no pages,
    # feedback or settings). ``set`` also takes back anything granted by hand since.
    emergency, _ = Group.objects.get_or_create(name=EMERGENCY_PUBLISHER)
    emergency.permissions.set(
        [access, *[permission(app_label, codename) for app_label, codename in ALERT_PERMISSIONS + ALERT_ANYWHERE]]
    )

    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.all())
    grant_page_permissions(administrator, root_page, ALL_PAGE_PERMISSIONS)
    grant_collection_permissions(administrator, root_collection, ALL_MEDIA_PERMISSIONS)

    # Communications can approve in every department's workflow too.
    from departments.models import DepartmentRoles

    for roles in DepartmentRoles.objects.select_related("workflow").exclude(workflow=None):
        for task in roles.workflow.tasks.specific():
            if isinstance(task, GroupApprovalTask):
                task.groups.add(communications)

    return {group.name: group for group in (communications, emergency, administrator)}
