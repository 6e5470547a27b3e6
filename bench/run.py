"""Run every benchmark in this folder, one after another: `make bench`.

Each benchmark prints its own figures against a baseline measured in the same run; this script
only runs them and reports which missed their targets.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["extraction", "streams", "pipeline", "pages", "api", "sources"]


def main() -> int:
    missed = []
    for name in BENCHMARKS:
        script = HERE / f"{name}.py"
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            missed.append(name)
    if missed:
        print(f"\nBenchmarks that missed a target or failed: {', '.join(missed)}")
        return 1
    print("\nEvery benchmark met its targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
