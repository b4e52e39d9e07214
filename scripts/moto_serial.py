"""moto's server, serving one request at a time: python scripts/moto_serial.py PORT

Why not plain `moto_server`: it serves requests on many threads, and moto's TransactWriteItems is not atomic
across threads (it applies items one by one and "rolls back" by restoring a copy of the table), so concurrent
transactions can keep writes of cancelled transactions and lose committed ones. DynamoDB runs transactions
serializably; one request at a time gives the tests exactly that guarantee, so a concurrency test checks our
conditions, not moto's threading.
"""
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import run_simple

if __name__ == "__main__":
    run_simple("127.0.0.1", int(sys.argv[1]), DomainDispatcherApplication(create_backend_app),
               threaded=False, request_handler=MotoRequestHandler)
