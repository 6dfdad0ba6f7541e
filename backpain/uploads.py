"""Stop reading an upload as soon as it passes the largest file the app reads.

Django writes an upload to disk (or memory) whole before any view can look at
its size, so a 600 MB body would be stored before the import refused it.
This handler comes first in FILE_UPLOAD_HANDLERS: when the request says it is
larger than the limit, or its bytes pass the limit, it stops the upload
without reading the rest (StopUpload with connection_reset) and marks the
request (`request.upload_too_large`), so the view can say why beside the
field. A proxy in front should refuse such bodies even earlier (README,
deployment).
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

FORM_FIELDS_ALLOWANCE = 64 * 1024  # the multipart framing and the form's other fields


def upload_limit() -> int:
    from walks.importers.common import MAX_UPLOAD_BYTES

    return MAX_UPLOAD_BYTES + FORM_FIELDS_ALLOWANCE


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = upload_limit()
        self.received = 0
        self.too_large = content_length > self.limit
        if self.too_large:
            self.request.upload_too_large = True

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.too_large or self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
