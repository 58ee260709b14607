"""The peer of `specvalidate diff` in scripts/bench-diff.sh: both documents loaded with PyYAML's C loader and
compared with DeepDiff (a structural diff that knows nothing of OpenAPI); prints how many values differ."""
import sys

import yaml
from deepdiff import DeepDiff

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
base = yaml.load(open(sys.argv[1]), Loader=Loader)
revision = yaml.load(open(sys.argv[2]), Loader=Loader)
diff = DeepDiff(base, revision, ignore_order=False)
print(sum(len(v) for v in diff.values()), "differences")
