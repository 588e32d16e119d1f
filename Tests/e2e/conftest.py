import pytest

from harness import FaultServer, Workspace


@pytest.fixture
def server():
    s = FaultServer()
    yield s
    s.stop()


@pytest.fixture
def ws(tmp_path):
    return Workspace(tmp_path)
