"""warta on Dask: extract_dataframe and --engine dask on a real LocalCluster of two worker processes."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from warta.batch import Processor, WorkerConfig, run_batch  # noqa: E402
from warta.dask import COLUMNS, extract_dataframe, frame_to_results, write_parquet  # noqa: E402

ARTICLE = ("Gubernur Jawa Barat Arman Sutedja meresmikan jembatan di Kota Bandung. "
           "\"Kami bangun untuk warga,\" kata Arman Sutedja. Bupati Sleman Budi Santoso hadir.")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    from warta.pipeline import assemble_model

    return str(assemble_model(None, tmp_path_factory.mktemp("dask") / "model"))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def frame(n: int) -> pd.DataFrame:
    texts: list = [f"{ARTICLE} Nomor {i}." for i in range(n)]
    texts[3] = ""
    texts[4] = None
    return pd.DataFrame({"doc": [f"d{i:03d}" for i in range(n)], "body": texts})


def test_extract_dataframe_matches_the_local_processor(client, model_dir):
    pdf = frame(80)
    ddf = dd.from_pandas(pdf, npartitions=6)
    result = extract_dataframe(ddf, text_col="body", id_col="doc", model=model_dir).compute()
    assert list(result.columns) == COLUMNS
    assert result["id"].tolist() == pdf["doc"].tolist()
    assert result.set_index("id").loc[["d003", "d004"], "error"].tolist() == ["empty_text", "missing_text"]
    local = Processor(WorkerConfig(model=model_dir))
    expected = local.process([(d, t, False) for d, t in zip(pdf["doc"], pdf["body"]) if isinstance(t, str) and t])
    got = [r for r in frame_to_results(result) if not isinstance(r, tuple)]
    assert got == expected
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2


def test_write_parquet_partitions(client, model_dir, tmp_path):
    ddf = dd.from_pandas(frame(30), npartitions=3)
    write_parquet(extract_dataframe(ddf, text_col="body", id_col="doc", model=model_dir), tmp_path / "parts")
    assert len(list((tmp_path / "parts").glob("*.parquet"))) == 3
    back = pd.read_parquet(tmp_path / "parts")
    assert back["id"].tolist() == [f"d{i:03d}" for i in range(30)]
    assert back["error"].notna().sum() == 2


def _slow(pdf: pd.DataFrame) -> pd.DataFrame:
    time.sleep(0.4)
    return pdf


def test_a_worker_killed_mid_run_loses_no_document(client, model_dir):
    n = 240
    ddf = dd.from_pandas(frame(n), npartitions=16).map_partitions(_slow)
    future = client.compute(extract_dataframe(ddf, text_col="body", id_col="doc", model=model_dir))
    victim = list(client.run(os.getpid).values())[0]
    killer = threading.Timer(2.0, os.kill, args=(victim, signal.SIGKILL))
    killer.start()
    result = future.result(timeout=180)
    killer.join()
    assert result["id"].tolist() == [f"d{i:03d}" for i in range(n)]
    assert result["error"].notna().sum() == 2
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()


def test_run_batch_with_the_dask_engine_matches_local_output(client, model_dir, tmp_path):
    rows = [{"id": f"d{i:03d}", "text": f"{ARTICLE} Nomor {i}."} for i in range(50)]
    rows[7]["text"] = ""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    address = client.scheduler.address
    on_dask = run_batch([source], tmp_path / "dask.jsonl", model=model_dir, engine="dask", scheduler=address,
                        batch_size=8)
    local = run_batch([source], tmp_path / "local.jsonl", model=model_dir, batch_size=8)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (on_dask.read, on_dask.written, on_dask.failed) == (local.read, local.written, local.failed) == (51, 49, 2)
    assert [json.loads(x)["error"] for x in (tmp_path / "dask.jsonl.errors.jsonl").read_text().splitlines()] == [
        "empty_text", "invalid_json"]
