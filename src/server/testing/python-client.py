# A client we did not write: Python's `requests`, used the way Innov8tif's own sample code
# calls Centralized OkayLive (files={'imageBest': open(...)}, data={'journeyId': ...}, 30 s
# timeout). If `requests` is not installed, the standard library's http.client sends a
# multipart body built here by hand instead, and says so in its output.
#
# usage: python3 python-client.py BASE_URL IMAGE_PATH
# prints one JSON line: {"client": ..., "journey": {...}, "status": N, "body": {...}}
import json
import os
import sys
import uuid

base, image_path = sys.argv[1], sys.argv[2]

try:
    import requests

    journey = requests.post(base + '/api/ekyc/journeyid', timeout=30).json()
    with open(image_path, 'rb') as image:
        files = {'imageBest': image}
        data = {'journeyId': journey['journeyId']}
        response = requests.post(base + '/api/ekyc/okaylive', files=files, data=data, timeout=30)
    print(json.dumps({'client': 'requests ' + requests.__version__, 'journey': journey, 'status': response.status_code, 'body': response.json()}))
except ImportError:
    import http.client
    from urllib.parse import urlsplit

    host = urlsplit(base)

    def post(path, body=b'', content_type=None):
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        headers = {'Content-Type': content_type} if content_type else {}
        connection.request('POST', path, body=body, headers=headers)
        reply = connection.getresponse()
        return reply.status, json.loads(reply.read())

    _, journey = post('/api/ekyc/journeyid')
    boundary = uuid.uuid4().hex
    with open(image_path, 'rb') as image:
        data = image.read()
    body = b''.join([
        ('--%s\r\nContent-Disposition: form-data; name="journeyId"\r\n\r\n%s\r\n' % (boundary, journey['journeyId'])).encode(),
        ('--%s\r\nContent-Disposition: form-data; name="imageBest"; filename="%s"\r\nContent-Type: image/jpeg\r\n\r\n' % (boundary, os.path.basename(image_path))).encode(),
        data,
        ('\r\n--%s--\r\n' % boundary).encode(),
    ])
    status, answer = post('/api/ekyc/okaylive', body, 'multipart/form-data; boundary=' + boundary)
    print(json.dumps({'client': 'http.client (requests not installed)', 'journey': journey, 'status': status, 'body': answer}))
