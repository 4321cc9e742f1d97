"""Content's signal, declared once."""

from django.dispatch import Signal

media_readers = Signal()
"""A hook, sent by `content.media.media_visible_to` when an image or document
is used by objects that are not pages (a quiz question's recording), so that
the app owning those objects says who may have the file without content
importing it. Sent with `user` (maybe anonymous) and `references`: {model
class: set of object ids} from Wagtail's reference index, pages left out. The
receiver for a model returns True when the person may read one of those
objects as a learner (the quiz asking the question is one they may take);
anything else counts as no. Receivers only read, in a fixed number of queries
whatever the number of objects, and never raise for a model they do not own."""
