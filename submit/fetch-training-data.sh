#!/usr/bin/env bash
# Fetches the real photographs and aerial textures that ClassSR trains and validates on,
# from Debian packages (the only image source reachable offline), and lays them out under DATA_DIR:
#
#   DATA_DIR/debs/                 the downloaded .deb files (kept; a re-run skips them)
#   DATA_DIR/images/<source>/      the kept images, byte-identical to the package's files
#   DATA_DIR/manifest.tsv          path (relative to images/), split (train|val), width, height,
#                                  bytes, sha256, package, package_version, licence
#   DATA_DIR/eval-california/      FlightGear's california* textures, reserved for evaluation
#                                  (never train on them), with their own manifest.tsv (split=eval)
#   DATA_DIR/excluded.tsv          every candidate file that was left out, and why
#
# Usage: submit/fetch-training-data.sh [--regenerate-split] [DATA_DIR]
#   DATA_DIR defaults to data/ at the repository root (git-ignored).
#
# The train/validation split is fixed and committed: conf/training-images.tsv (path, split,
# sha256, package, licence) is the source of truth. Every extracted image is checked against
# it by SHA-256, and the script fails (before touching DATA_DIR/images) if an image differs,
# is missing, or is new. The rows with split "eval" pin the evaluation textures; their path
# is relative to images/ too (../eval-california/<file>).
#
# --regenerate-split rewrites conf/training-images.tsv from what was extracted: about 10% of
# each source's images go to val, whole groups at a time (recoloured / seasonal / -hires
# variants of one FlightGear texture form one group, so an image never has a near-copy on the
# other side), chosen by sorted SHA-256. THIS CHANGES THE EXPERIMENT: models trained or
# validated on the old split are no longer comparable. Commit the new file with a reason.
#
# Needs only bash, coreutils, tar, dpkg-deb, apt-get and python3 (standard library).
# Never installs anything; apt-get download needs a configured Debian bookworm apt source.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

regenerate=0
data_dir=""
for arg in "$@"; do
  case "$arg" in
    --regenerate-split) regenerate=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fetch-training-data: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    *) if [[ -n "$data_dir" ]]; then echo "fetch-training-data: only one DATA_DIR, got '$data_dir' and '$arg'" >&2; exit 2; fi
       data_dir="$arg" ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${data_dir:-$repo_root/data}"
split_file="$repo_root/conf/training-images.tsv"

for tool in apt-get dpkg-deb tar python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-training-data: '$tool' is required but not found" >&2; exit 1; }
done
if [[ $regenerate -eq 0 && ! -f "$split_file" ]]; then
  echo "fetch-training-data: $split_file is missing; restore it from git, or create a new split with --regenerate-split" >&2
  exit 1
fi

# package -> tar wildcards of what to unpack (the package's copyright file is always added)
declare -A wanted=(
  [flightgear-data-base]='./usr/share/games/flightgear/Textures/Terrain/*.png'
  [lomiri-wallpapers-16.04]='./usr/share/backgrounds/*.jpg'
  [plasma-workspace-wallpapers]='./usr/share/wallpapers/*/contents/images/2560x1600.jpg'
  [mate-backgrounds]='./usr/share/backgrounds/mate/nature/*.jpg'
  [palapeli-data]='./usr/share/palapeli/collection/*.jpg'
  [opencv-doc]='./usr/share/doc/opencv-doc/examples/data/*'
)
packages=(flightgear-data-base lomiri-wallpapers-16.04 plasma-workspace-wallpapers mate-backgrounds palapeli-data opencv-doc)

mkdir -p "$data_dir/debs"
data_dir="$(cd "$data_dir" && pwd)"

# 1. Download (skipped when a complete .deb is already there; a half download is redone).
t0=$SECONDS
for pkg in "${packages[@]}"; do
  shopt -s nullglob; have=("$data_dir/debs/${pkg}_"*.deb); shopt -u nullglob
  if [[ ${#have[@]} -gt 0 ]] && dpkg-deb --info "${have[0]}" >/dev/null 2>&1; then
    echo "have     ${have[0]##*/}"
    continue
  fi
  rm -f "${have[@]}"
  part="$data_dir/debs/.partial-$pkg"
  rm -rf "$part"; mkdir -p "$part"; chmod 755 "$part"
  echo "download $pkg"
  (cd "$part" && apt-get download "$pkg" 2> >(grep -v 'Download is performed unsandboxed' >&2)) \
    || { echo "fetch-training-data: 'apt-get download $pkg' failed (run 'apt-get update'? is a bookworm source configured?)" >&2; exit 1; }
  debs=("$part"/*.deb)
  dpkg-deb --info "${debs[0]}" >/dev/null || { echo "fetch-training-data: ${debs[0]} is not a valid .deb" >&2; exit 1; }
  mv "${debs[0]}" "$data_dir/debs/"
  rmdir "$part"
done
echo "downloads done in $((SECONDS - t0)) s"

# 2. Unpack only what is needed into a scratch directory (never installs).
scratch="$data_dir/.unpack"
rm -rf "$scratch"; mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT
t0=$SECONDS
for pkg in "${packages[@]}"; do
  deb=("$data_dir/debs/${pkg}_"*.deb)
  mkdir -p "$scratch/$pkg"
  dpkg-deb -f "${deb[0]}" Version > "$scratch/$pkg.version"
  echo "unpack   ${deb[0]##*/}"
  dpkg-deb --fsys-tarfile "${deb[0]}" \
    | tar -x -C "$scratch/$pkg" --wildcards "${wanted[$pkg]}" "./usr/share/doc/$pkg/copyright"
done
echo "unpacking done in $((SECONDS - t0)) s"

# 3. Select, check against the committed split, move into place, write manifests and summary.
python3 - "$scratch" "$data_dir" "$split_file" "$regenerate" <<'PY'
import fnmatch, hashlib, os, re, shutil, struct, sys

scratch, data_dir, split_file, regenerate = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
MIN_SIDE = 256          # smaller images are not useful for x4 training (HR patches are 128-192 px)
VAL_FRACTION = 0.10

def fail(msg):
    sys.exit("fetch-training-data: " + msg)

def image_size(path):
    """(width, height, channels) from the PNG IHDR or JPEG SOF header; None if neither."""
    with open(path, "rb") as f:
        head = f.read(32)
        if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
            w, h = struct.unpack(">II", head[16:24])
            return w, h, {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}.get(head[25], 0)
        if head[:2] != b"\xff\xd8":
            return None
        f.seek(2)
        while True:
            b = f.read(1)
            while b and b != b"\xff":
                b = f.read(1)
            while b == b"\xff":
                b = f.read(1)
            if not b:
                return None
            m = b[0]
            if m == 0x01 or 0xD0 <= m <= 0xD8:
                continue
            (length,) = struct.unpack(">H", f.read(2))
            if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
                _, h, w, nc = struct.unpack(">BHHB", f.read(6))
                return w, h, nc
            f.seek(length - 2, 1)

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

def licences(copyright_path):
    """DEP-5 copyright file -> (default licence of 'Files: *', {basename: licence}).
    Only exact file names and '*' are used: the other globs name upstream source paths that do
    not map safely onto installed paths (opencv's 'data/*' is not samples/data)."""
    default, by_name = None, {}
    text = open(copyright_path, encoding="utf-8", errors="replace").read()
    for para in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for line in para.splitlines():
            if line[:1] in (" ", "\t"):
                if key == "files":                        # Files: continues; License: text does not count
                    fields[key] += " " + line.strip()
            elif ":" in line:
                key, value = line.split(":", 1)
                key = key.strip().lower()
                fields[key] = value.strip()
        if "files" not in fields or not fields.get("license"):
            continue
        lic = fields["license"]                           # the short name(s) on the License: line
        for pattern in fields["files"].split():
            if pattern == "*":
                default = lic
            elif not any(c in pattern for c in "*?["):
                by_name[pattern.rsplit("/", 1)[-1]] = lic
    return default, by_name

# ---- selection rules: source -> (package, candidates, decide(file) -> (dest, reason|None)) ----
FG_DIR = "usr/share/games/flightgear/Textures/Terrain"
FG_SYNTHETIC = re.compile(r"mask|relief|overlay|colors")
FG_NOT_PHOTO = {"crop.png": "synthetic (not a photograph)", "cropgrass.png": "synthetic (not a photograph)",
                "unknown.png": "red/white checkerboard placeholder", "void.png": "blank placeholder"}
# recolourings of the evaluation texture california-airport.png: training on them would leak it
for _n in ("airport-grass.png", "airport-grass-summer.png", "airport-grass-summer2.png", "airport-grass-summer3.png"):
    FG_NOT_PHOTO[_n] = "recoloured copy of evaluation texture california-airport.png (kept out of training)"
# FlightGear ships many textures as recoloured / re-tinted / re-tiled copies of one aerial photo under
# different names. Found once by correlating 32x32 grey thumbnails (ImageMagick; r > 0.6, a clear gap
# above unrelated textures), they form one group each, so a copy never lands on the other split side.
FG_GROUPS = [
    "cerrado-shrub-green shrub-hawaii-green shrub-hawaii shrub-southwest shrub1-autumn shrub1 shrub1_dark",
    "grain_texture grass_green_hires-autumn grass_green_hires grass_hires grass_marsh_hires",
    "savanna-grass savanna-grass2 tundra-hawaii-green-autumn tundra-hawaii-green tundra-hawaii",
    "dark_gravel gravel_brown gravel_gray gravel_red", "dry_pasture4 iceland_grass-autumn iceland_grass pampas-grass",
    "lava_hires sand_hires sand_hires_ochre sand_hires_red", "town-caribbean town-europe-autumn town-europe-south town-madagascar",
    "caatinga-crop mixedcrop mixedcrop2", "countryside1 uk_countryside1", "cropgrass-hires cropgrass-madagascar",
    "deciduous-hires pampas-shrub", "golfcourse-caribbean golfcourse1", "grass_dry2 grass_dry3",
    "lava1 sand6", "lava3 sand-hawaii4 sand4", "lava_drylake sand1 sand3", "mixedforest-hires pantanal",
    "rock_alt rock_brown rock_red", "city1-middle-east city1", "city2-middle-east city2", "countryside2 uk_countryside2",
    "cropgrass1 irrcrop1", "cropgrass2 irrcrop3", "cropgrass3 irrcrop2", "dec_evergreen evergreen", "dirtrock",
    "grass10 mixedforest1", "herbtundra herbtundra_iceland", "lava2 sand5", "mixedcrop-caribbean mixedcrop4",
    "rocks-desert rocks-lava",
]
PLASMA_PHOTOS = ["BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf",
                 "Grey", "Kite", "OneStandsOut", "Path", "summer_1am"]
# opencv-doc's examples/data is mostly test patterns; photos are listed one by one (looked at by eye).
OPENCV_PHOTOS = {"aero1.jpg", "aloeL.jpg", "basketball1.png", "box_in_scene.png", "apple.jpg", "baboon.jpg", "board.jpg", "building.jpg",
                 "butterfly.jpg", "chicky_512.png", "ela_original.jpg", "fruits.jpg", "graf1.png",
                 "home.jpg", "left.jpg", "leuvenA.jpg", "messi5.jpg", "orange.jpg", "rubberwhale1.png",
                 "squirrel_cls.jpg", "stuff.jpg"}
OPENCV_REASONS = {
    "aero3.jpg": "second view of aero1 (near-duplicate)", "aloeR.jpg": "stereo partner of aloeL",
    "leuvenB.jpg": "second view of leuvenA", "right.jpg": "stereo partner of left.jpg",
    "rubberwhale2.png": "next frame of rubberwhale1", "graf3.png": "second view of graf1",
    "ela_modified.jpg": "tampered copy of ela_original", "aloeGT.png": "disparity map",
    "Blender_Suzanne1.jpg": "3-D render", "Blender_Suzanne2.jpg": "3-D render", "blox.jpg": "3-D render",
    "smarties.png": "3-D render", "starry_night.jpg": "painting", "cards.png": "drawing",
    "chessboard.png": "calibration pattern", "detect_blob.png": "drawing", "gradient.png": "synthetic gradient",
    "ml.png": "drawing", "opencv-logo.png": "logo", "opencv-logo-white.png": "logo", "LinuxLogo.jpg": "logo",
    "WindowsLogo.jpg": "logo", "pca_test1.jpg": "black shapes on white (pattern)", "notes.png": "text",
    "sudoku.png": "text / printed grid", "imageTextN.png": "text", "imageTextR.png": "text",
    "text_defocus.jpg": "text, deliberately blurred", "text_motion.jpg": "text, deliberately blurred",
    "licenseplate_motion.jpg": "deliberately motion-blurred", "digits.png": "handwritten digits sheet",
    "ellipses.jpg": "drawing", "mask.png": "mask", "templ.png": "template crop", "tmpl.png": "template crop",
    "box.png": "cut-out object template", "basketball2.png": "next frame of basketball1",
}

def fg_rule(name):
    if not name.endswith(".png"):
        return None, "not a PNG texture"
    if FG_SYNTHETIC.search(name):
        return None, "synthetic (mask/relief/overlay/colors map)"
    if name.startswith("dunes"):
        return None, "synthetic (not a photograph)"
    if name in FG_NOT_PHOTO:
        return None, FG_NOT_PHOTO[name]
    if name.startswith("california"):
        return "eval", None
    return "images", None

def opencv_rule(name):
    if name in OPENCV_PHOTOS:
        return "images", None
    if re.fullmatch(r"(left|right)\d\d\.jpg", name):
        return None, "chessboard calibration shot"
    return None, OPENCV_REASONS.get(name, "not a photo (not on the reviewed list)")

def files_under(pkg, rel):
    root = os.path.join(scratch, pkg, rel)
    return sorted(os.path.join(root, n) for n in os.listdir(root)) if os.path.isdir(root) else []

SOURCES = [
    ("flightgear", "flightgear-data-base", lambda: files_under("flightgear-data-base", FG_DIR),
     lambda p: fg_rule(os.path.basename(p)), os.path.basename),
    ("lomiri", "lomiri-wallpapers-16.04", lambda: files_under("lomiri-wallpapers-16.04", "usr/share/backgrounds"),
     lambda p: (None, "illustration, not a photo") if os.path.basename(p).startswith("umang_") else ("images", None),
     os.path.basename),
    ("plasma", "plasma-workspace-wallpapers",
     lambda: sorted(os.path.join(d, "contents/images/2560x1600.jpg")
                    for d in files_under("plasma-workspace-wallpapers", "usr/share/wallpapers")),
     lambda p: ("images", None) if p.split("/")[-4] in PLASMA_PHOTOS else (None, "not on the list of photos (painting/render)"),
     lambda p: p.split("/")[-4] + "-2560x1600.jpg"),
    ("mate", "mate-backgrounds", lambda: files_under("mate-backgrounds", "usr/share/backgrounds/mate/nature"),
     lambda p: ("images", None), os.path.basename),
    ("palapeli", "palapeli-data", lambda: files_under("palapeli-data", "usr/share/palapeli/collection"),
     lambda p: ("images", None) if p.endswith(".jpg") else (None, "not an image"), os.path.basename),
    ("opencv", "opencv-doc", lambda: files_under("opencv-doc", "usr/share/doc/opencv-doc/examples/data"),
     lambda p: opencv_rule(os.path.basename(p)), os.path.basename),
]

def group_of(source, name):
    """Images that are recolourings / variants of one picture share a group (same side of the split)."""
    stem = name.rsplit(".", 1)[0].lower()
    if source != "flightgear":
        return source + "/" + stem
    stem = stem.split(".", 1)[0]                          # countryside1.green / countryside1.ireland-autumn
    stems = [stem]
    while True:                                           # name variants: -autumn, -hires, _dark, 4a, ...
        s = re.sub(r"[-_](autumn|hires|base|dark|darker)$", "", stems[-1])
        s = re.sub(r"(\d)[a-c]$", r"\1", s)              # marsh4a, grass_dry2a, forest1b, grass10c
        if s == stems[-1]:
            break
        stems.append(s)
    for i, members in enumerate(FG_GROUPS):               # then the content-found copies
        if any(s in members.split() for s in stems):
            return f"{source}/copies-{i}"
    return source + "/" + stems[-1]

# ---- collect ----
kept, excluded = [], []     # kept: dict rows
for source, pkg, candidates, rule, dest_name in SOURCES:
    version = open(os.path.join(scratch, pkg + ".version")).read().strip()
    default_lic, lic_by_name = licences(os.path.join(scratch, pkg, "usr/share/doc", pkg, "copyright"))
    files = [p for p in candidates() if os.path.isfile(p)]
    if not files:
        fail(f"no candidate files found in {pkg}; did the package layout change?")
    for p in files:
        rel_in_pkg = os.path.relpath(p, os.path.join(scratch, pkg))
        where, reason = rule(p)
        size = image_size(p) if where else None
        if where and size is None:
            where, reason = None, "not a PNG/JPEG image"
        if where and min(size[:2]) < MIN_SIDE:
            where, reason = None, f"too small ({size[0]}x{size[1]}, short side < {MIN_SIDE})"
        if where and size[2] not in (1, 2, 3, 4):
            where, reason = None, f"unsupported channel count ({size[2]})"
        if not where:
            excluded.append((pkg, rel_in_pkg, reason))
            continue
        name = dest_name(p)
        kept.append(dict(src=p, source=source, name=name, where=where, width=size[0], height=size[1],
                         bytes=os.path.getsize(p), sha256=sha256(p), package=pkg, package_version=version,
                         licence=lic_by_name.get(os.path.basename(p), default_lic) or "UNKNOWN",
                         group=group_of(source, name), rel_in_pkg=rel_in_pkg))

for r in kept:
    r["path"] = f"{r['source']}/{r['name']}" if r["where"] == "images" else f"../eval-california/{r['name']}"

# byte-identical duplicates: keep the first by path, drop the rest (they would leak across the split)
seen = {}
for r in sorted(kept, key=lambda r: r["path"]):
    if r["sha256"] in seen:
        excluded.append((r["package"], r["rel_in_pkg"], "byte-identical to " + seen[r["sha256"]]))
        r["dup"] = True
    else:
        seen[r["sha256"]] = r["path"]
kept = [r for r in kept if not r.get("dup")]

# ---- split ----
HEADER = ["path", "split", "sha256", "package", "licence"]
if regenerate:
    for r in kept:
        if r["where"] == "eval":
            r["split"] = "eval"
    for source, *_ in SOURCES:
        rows = [r for r in kept if r["source"] == source and r["where"] == "images"]
        groups = {}
        for r in rows:
            groups.setdefault(r["group"], []).append(r)
        order = sorted(groups.values(), key=lambda g: min(r["sha256"] for r in g))
        target = max(1, round(VAL_FRACTION * len(rows)))
        n_val = 0
        for g in order:
            # take a group only if it does not overshoot the target by more than it helps
            if n_val >= target:
                split = "train"
            elif n_val + len(g) - target > target - n_val:
                split = "train"
            else:
                split = "val"
            n_val += len(g) if split == "val" else 0
            for r in g:
                r["split"] = split
    tmp = split_file + ".tmp"
    os.makedirs(os.path.dirname(split_file), exist_ok=True)
    with open(tmp, "w") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in sorted(kept, key=lambda r: r["path"]):
            f.write("\t".join([r["path"], r["split"], r["sha256"], r["package"], r["licence"]]) + "\n")
    os.replace(tmp, split_file)
    print(f"wrote a NEW split to {split_file} (this changes the experiment; commit it with a reason)")
else:
    with open(split_file) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    if lines[0] != HEADER:
        fail(f"{split_file}: header must be {HEADER}, is {lines[0]}")
    pinned = {l[0]: dict(zip(HEADER, l)) for l in lines[1:]}
    problems = []
    by_path = {r["path"]: r for r in kept}
    for path, want in pinned.items():
        r = by_path.get(path)
        if r is None:
            problems.append(f"MISSING  {path} (in the split file, not extracted)")
        elif r["sha256"] != want["sha256"]:
            problems.append(f"CHANGED  {path}: sha256 {r['sha256']} != pinned {want['sha256']} ({r['package']} {r['package_version']})")
        elif want["split"] not in ("train", "val", "eval"):
            problems.append(f"BADSPLIT {path}: '{want['split']}'")
        else:
            r["split"] = want["split"]
    for path in sorted(set(by_path) - set(pinned)):
        problems.append(f"NEW      {path} (extracted, not in the split file)")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        fail(f"{len(problems)} image(s) do not match {split_file}. The packages changed or the selection "
             "rules did; nothing was written to the data directory. Fix the rules, or accept a new split "
             "with --regenerate-split (this changes the experiment).")

# ---- place files and write manifests ----
COLS = ["path", "split", "width", "height", "bytes", "sha256", "package", "package_version", "licence"]
images_dir, eval_dir = os.path.join(data_dir, "images"), os.path.join(data_dir, "eval-california")
for d in (images_dir, eval_dir):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
for r in kept:
    dest = os.path.join(images_dir, r["path"])
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    os.replace(r["src"], dest)                       # same file system: a rename, no copy

def write_tsv(path, rows, path_of):
    with open(path + ".tmp", "w") as f:
        f.write("\t".join(COLS) + "\n")
        for r in sorted(rows, key=lambda r: r["path"]):
            f.write("\t".join(str(r[c]) if c != "path" else path_of(r) for c in COLS) + "\n")
    os.replace(path + ".tmp", path)

write_tsv(os.path.join(data_dir, "manifest.tsv"), [r for r in kept if r["split"] != "eval"], lambda r: r["path"])
write_tsv(os.path.join(eval_dir, "manifest.tsv"), [r for r in kept if r["split"] == "eval"], lambda r: r["name"])
with open(os.path.join(data_dir, "excluded.tsv"), "w") as f:
    f.write("package\tfile\treason\n")
    for pkg, rel, reason in sorted(excluded):
        f.write(f"{pkg}\t{rel}\t{reason}\n")

# ---- summary ----
print()
print(f"{'source':<11} {'split':<6} {'images':>6} {'megapixels':>11} {'MB on disk':>11}  licence(s)")
tot = {}
for source, *_ in SOURCES:
    for split in ("train", "val", "eval"):
        rows = [r for r in kept if r["source"] == source and r["split"] == split]
        if not rows:
            continue
        mp = sum(r["width"] * r["height"] for r in rows) / 1e6
        mb = sum(r["bytes"] for r in rows) / 1e6
        t = tot.setdefault(split, [0, 0.0, 0.0]); t[0] += len(rows); t[1] += mp; t[2] += mb
        lic = ", ".join(sorted({r["licence"] for r in rows}))
        print(f"{source:<11} {split:<6} {len(rows):>6} {mp:>11.1f} {mb:>11.1f}  {lic}")
for split, (n, mp, mb) in tot.items():
    print(f"{'TOTAL':<11} {split:<6} {n:>6} {mp:>11.1f} {mb:>11.1f}")
print(f"\n{len(excluded)} candidate files excluded (see {os.path.join(data_dir, 'excluded.tsv')})")
print(f"manifest: {os.path.join(data_dir, 'manifest.tsv')}; evaluation set: {eval_dir}/")
PY
