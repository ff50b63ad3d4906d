"""The documentation cannot drift: the README's shell and Python examples run on the samples, and
its table of exit codes, the command line's help and ``errors.EXIT_CODES`` agree."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import minutes
from minutes.cli import main
from minutes.errors import EXIT_CODES, ExitCode, MinutesError

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README) if lang == language]


def shell_steps() -> list[tuple[str, list[str]]]:
    """Each command of the README's ``sh`` blocks with the output lines printed under it."""
    steps: list[tuple[str, list[str]]] = []
    for body in blocks("sh"):
        for line in body.splitlines():
            if re.match(r"^(minutes|cat) ", line):
                steps.append((line, []))
            elif line.strip() and steps:
                steps[-1][1].append(line)
    return steps


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder with the samples and a ``minutes`` command on the PATH that runs this checkout."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "samples", work / "samples")
    shim = work / "bin" / "minutes"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m minutes "$@"\n')
    shim.chmod(0o755)
    return work


def test_the_readme_has_shell_examples_for_every_command():
    commands = {line.split()[1] for line, _ in shell_steps() if line.startswith("minutes ")}
    assert commands >= set(main.commands), f"commands without a README example: {set(main.commands) - commands}"


def test_the_readme_shell_examples_run(workdir):
    env = {**os.environ, "PATH": f"{workdir / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT)}
    steps = shell_steps()
    assert len(steps) >= 15
    for command, expected in steps:
        if command.startswith("minutes serve"):
            _serves(command, workdir, env)
            continue
        done = subprocess.run(["bash", "-c", command], cwd=workdir, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        if ">" not in command.split("#")[0]:
            assert done.stdout.strip(), f"{command}: no output"
        for line in expected:
            assert " ".join(line.split()) in " ".join(done.stdout.split()), f"{command}: {line!r} not printed"


def _serves(command: str, workdir, env) -> None:
    """A server command of the README starts and answers (on a free port), then is stopped."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["bash", "-c", f"exec {command.split('#')[0]} --port {port}"], cwd=workdir, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, \
                    f"{command}: {server.stdout.read().decode(errors='replace') if server.poll() is not None else 'no answer'}"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_readme_python_examples_run(workdir, monkeypatch, capsys):
    monkeypatch.chdir(workdir)
    examples = blocks("python")
    assert examples
    for code in examples:
        exec(compile(code, "README.md", "exec"), {})
    assert "88 Ulkoilureittien kunnossapidon" in capsys.readouterr().out


def test_the_exit_codes_are_defined_once():
    table = README.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    readme_codes = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert readme_codes == [int(code) for code in ExitCode]
    assert set(EXIT_CODES) == set(ExitCode)
    help_text = CliRunner().invoke(main, ["--help"]).output
    listed = help_text.split("Exit codes:", 1)[1]
    assert [int(code) for code in re.findall(r"^\s+(\d+)\s", listed, re.M)] == [int(code) for code in ExitCode]
    for code, meaning in EXIT_CODES.items():
        assert " ".join(meaning.split()) in " ".join(listed.split()), code


def test_every_error_has_a_documented_exit_code():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    import minutes.parse.hints  # noqa: F401 - its error class
    import minutes.store.database  # noqa: F401 - its error class

    found = list(subclasses(MinutesError))
    assert len(found) >= 10
    for error in found:
        assert isinstance(error.exit_code, ExitCode), error


def test_the_public_api_is_listed_and_documented():
    for name in minutes.__all__:
        value = getattr(minutes, name)
        assert value is not None
        if callable(value) and not isinstance(value, type):
            assert value.__doc__ and "Returns" in value.__doc__, f"{name}: its docstring states no return shape"
