"""The same batch on a Dask cluster (gapcheck[dask]); the test starts a local cluster."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason="Dask support is the optional extra gapcheck[dask]"
)

from gapcheck.batch.inputs import collect_inputs  # noqa: E402
from gapcheck.batch.run import BatchSettings, run_batch  # noqa: E402
from tests.batch.test_batch_e2e import resume_lines, run_cli, write_pdf  # noqa: E402
from tests.batch.test_batch_run import OPTIONS, fake_analyse, make_cohort  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    # Threads, not processes: quick to start, and enough to prove the executor path.
    with distributed.LocalCluster(
        host="127.0.0.1",
        protocol="tcp",
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        dashboard_address=None,
    ) as local:
        yield local


def test_run_batch_on_a_dask_executor(tmp_path: Path, cluster: distributed.LocalCluster) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    make_cohort(root)
    (root / "crash.pdf").unlink()  # a crash would take the in-process worker (this test) down
    with distributed.Client(cluster.scheduler_address) as client:
        settings = BatchSettings(
            jobs=2, timeout=30, executor=client.get_executor(), executor_capacity=2
        )
        people = collect_inputs([str(root)], exclude=out)
        summary = run_batch(
            people,
            out,
            OPTIONS,
            settings,
            work=fake_analyse,
        )
    assert (summary.analysed, summary.failed) == (3, 1)
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    statuses = ["analysed", "analysed", "failed", "analysed", "skipped"]  # notes.html skipped
    assert [r["status"] for r in rows] == statuses
    assert (out / "reports" / "carol.txt.html").read_text() == "<p>carol.txt</p>"


def test_cli_scheduler_option_ships_files_to_the_cluster(
    tmp_path: Path, cluster: distributed.LocalCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for seed in range(3):
        write_pdf(root / f"r{seed}.pdf", resume_lines(seed))
    (root / "empty.pdf").write_bytes(b"")
    code, err = run_cli(
        [
            "batch",
            str(root),
            "-o",
            str(out),
            "--scheduler",
            cluster.scheduler_address,
            "--date",
            "2026-11-21",
        ],
        capsys,
    )
    assert code == 1, err
    rows = {
        r["file"]: r
        for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8")))
    }
    assert [rows[f"r{i}.pdf"]["status"] for i in range(3)] == ["analysed"] * 3
    assert rows["empty.pdf"]["status"] == "failed"
    assert rows["empty.pdf"]["error"].startswith("the file is empty")
    # The shipped copy is analysed under its own name, not a temporary path.
    assert "gapcheck-" not in (out / "reports" / "r0.pdf.html").read_text(encoding="utf-8")


class CountingWork:
    """Per-file work that counts its warm-ups (once per worker, before any task)."""

    def __init__(self) -> None:
        self.warmed = 0

    def warm_up(self) -> None:
        self.warmed += 1

    def __call__(self, task: object) -> object:
        assert self.warmed == 1, "the work was warmed up on this worker before its first task"
        return fake_analyse(task)  # type: ignore[arg-type]


def test_the_work_is_shipped_once_and_tasks_refer_to_it(
    tmp_path: Path, cluster: distributed.LocalCluster
) -> None:
    from gapcheck.batch.executor import dask_share

    root, out = tmp_path / "in", tmp_path / "out"
    for name in ("a", "b", "c", "d"):
        (root).mkdir(exist_ok=True)
        (root / f"{name}.txt").write_text(f"score={ord(name)}", encoding="utf-8")
    with distributed.Client(cluster.scheduler_address) as client:
        executor = client.get_executor()
        submitted: list[object] = []
        real_submit = executor.submit

        def spy(fn: object, *args: object, **kwargs: object) -> object:
            submitted.append(args[0])
            return real_submit(fn, *args, **kwargs)

        executor.submit = spy  # type: ignore[method-assign]
        settings = BatchSettings(
            jobs=2, executor=executor, executor_capacity=2, share=dask_share(client)
        )
        people = collect_inputs([str(root)], exclude=out)
        summary = run_batch(people, out, OPTIONS, settings, work=CountingWork())
    assert summary.analysed == 4
    # Every task carried the scattered handle, never a pickled copy of the work.
    assert len(submitted) == 4 and all(isinstance(s, distributed.Future) for s in submitted)
