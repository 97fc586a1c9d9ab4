"""Submit an admin edit form unchanged, the way a browser would.

Wagtail's edit views render most fields as plain HTML, but a StreamField is a
``<div data-controller="w-block">`` holding two JSON attributes: the block
definitions (packed by telepath) and the initial state. The admin's JavaScript
builds the inputs from those; without it a test client would post no block data
at all. So this module parses the rendered form with lxml, collects what a
browser submits (named, enabled controls; checked boxes; selected options; no
``<template>`` content; no file inputs), and then names each block's inputs
exactly as Wagtail's client code does, filled from the rendered state.
"""

import json

import lxml.html

EDITABLE_TAGS = ("input", "textarea", "select")
SKIPPED_INPUT_TYPES = ("submit", "image", "reset", "file", "button")


def form_data(html, form_id):
    """The (name, value) pairs a browser would post from the form with ``form_id``, unchanged."""
    document = lxml.html.document_fromstring(html)
    form = document.get_element_by_id(form_id)
    pairs = []
    controls = [*form.iter(*EDITABLE_TAGS), *document.xpath(f"//*[@form='{form_id}']")]
    for control in controls:
        if _in_template(control) or not control.get("name") or control.get("disabled") is not None:
            continue
        pairs.extend(_control_values(control))
    for stream in form.xpath(".//*[@data-controller='w-block']"):
        definition = _unpack(json.loads(stream.get("data-w-block-data-value")), {})
        state = json.loads(stream.get("data-w-block-arguments-value"))[0]
        pairs.extend(block_inputs(definition, state, stream.get("id")))
    return pairs


def _in_template(element):
    return any(ancestor.tag == "template" for ancestor in element.iterancestors())


def _control_values(control):
    name = control.get("name")
    if control.tag == "textarea":
        # A browser drops one newline right after <textarea> (the HTML parsing rules); lxml keeps it.
        text = control.text or ""
        return [(name, text[1:] if text.startswith("\n") else text)]
    if control.tag == "select":
        options = control.xpath(".//option")
        chosen = [option for option in options if option.get("selected") is not None]
        if not chosen and options and control.get("multiple") is None:
            chosen = options[:1]
        return [(name, option.get("value", option.text_content())) for option in chosen]
    kind = (control.get("type") or "text").lower()
    if kind in SKIPPED_INPUT_TYPES:
        return []
    if kind in ("checkbox", "radio"):
        return [(name, control.get("value", "on"))] if control.get("checked") is not None else []
    return [(name, control.get("value", ""))]


def _unpack(node, refs):
    """Undo telepath's packing: shared objects are sent once with ``_id`` and later as ``_ref``."""
    if isinstance(node, list):
        return [_unpack(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    if "_ref" in node:
        return refs[node["_ref"]]
    if "_val" in node:
        value = node["_val"]
    elif "_list" in node:
        value = [_unpack(item, refs) for item in node["_list"]]
    elif "_dict" in node:
        value = {key: _unpack(item, refs) for key, item in node["_dict"].items()}
    elif "_type" in node:
        value = {"_type": node["_type"], "_args": _unpack(node["_args"], refs)}
    else:
        value = {key: _unpack(item, refs) for key, item in node.items()}
    if "_id" in node:
        refs[node["_id"]] = value
    return value


def block_inputs(definition, state, prefix):
    """The inputs Wagtail's block JavaScript would submit for ``state`` under ``prefix``."""
    kind, args = definition["_type"], definition["_args"]
    if kind == "wagtail.blocks.StreamBlock":
        children = {child["_args"][0]: child for _group, blocks in args[1] for child in blocks}
        pairs = [(f"{prefix}-count", str(len(state)))]
        for index, item in enumerate(state):
            here = f"{prefix}-{index}"
            pairs += [(f"{here}-deleted", ""), (f"{here}-order", str(index)), (f"{here}-type", item["type"])]
            pairs.append((f"{here}-id", item.get("id") or ""))
            pairs += block_inputs(children[item["type"]], item["value"], f"{here}-value")
        return pairs
    if kind == "wagtail.blocks.ListBlock":
        pairs = [(f"{prefix}-count", str(len(state)))]
        for index, item in enumerate(state):
            here = f"{prefix}-{index}"
            pairs += [(f"{here}-deleted", ""), (f"{here}-order", str(index)), (f"{here}-id", item.get("id") or "")]
            pairs += block_inputs(args[1], item["value"], f"{here}-value")
        return pairs
    if kind == "wagtail.blocks.StructBlock":
        return [
            pair
            for child in args[1]
            for pair in block_inputs(child, (state or {}).get(child["_args"][0]), f"{prefix}-{child['_args'][0]}")
        ]
    if kind == "wagtail.blocks.FieldBlock":
        return _widget_inputs(args[1], state, prefix)
    raise NotImplementedError(f"No browser emulation for block type {kind}")


def _widget_inputs(widget, state, name):
    """What a field block's widget submits once the client code has set its state."""
    kind = widget["_type"]
    if isinstance(state, dict):  # choosers keep {id, title, preview…}; their hidden input holds the id
        state = state.get("id")
    if kind.endswith("CheckboxInput"):
        return [(name, "on")] if state else []
    if isinstance(state, list):  # a multiple select or a group of checkboxes
        return [(name, str(value)) for value in state]
    if state is None:
        return [] if kind.endswith("RadioSelect") else [(name, "")]
    return [(name, str(state))]


def post_unchanged(client, url, form_id, extra=()):
    """GET ``url``, then POST its form back unchanged (plus ``extra`` pairs, e.g. a submit button)."""
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} gave {page.status_code}"
    pairs = form_data(page.content.decode(), form_id) + list(extra)
    return client.post(url, _multipart(pairs))


def _multipart(pairs):
    """Django's test client takes a dict of lists for repeated names and sends multipart, as the admin does."""
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
