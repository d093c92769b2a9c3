package e2etest

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// AxeVersion is the axe-core release the browser tests' accessibility
// checks run (https://github.com/dequelabs/axe-core).
const AxeVersion = "4.14.1"

var axeOnce struct {
	sync.Mutex
	src string
}

// AxeSource returns the source of axe.min.js. It is read from the cache
// directory ($PROOFDESK_AXE_DIR, else <user cache dir>/proofdesk/axe-core-
// AxeVersion), outside the repository; on a first run it is fetched there
// with `npm pack axe-core@AxeVersion` (the npm registry). Without npm or
// the network the test is skipped, or failed under CI.
func AxeSource(tb testing.TB) string {
	tb.Helper()
	axeOnce.Lock()
	defer axeOnce.Unlock()
	if axeOnce.src != "" {
		return axeOnce.src
	}
	dir := os.Getenv("PROOFDESK_AXE_DIR")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "proofdesk", "axe-core-"+AxeVersion)
	}
	file := filepath.Join(dir, "axe.min.js")
	if b, err := os.ReadFile(file); err == nil && len(b) > 0 {
		axeOnce.src = string(b)
		return axeOnce.src
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		MissingTool(tb, "the accessibility check needs axe-core: install npm (apt-get install -y npm), or put axe.min.js "+AxeVersion+" in "+dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp := tb.TempDir()
	cmd := exec.Command(npm, "pack", "--silent", "axe-core@"+AxeVersion, "--pack-destination", tmp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		MissingTool(tb, "npm pack axe-core@"+AxeVersion+" failed: "+strings.TrimSpace(string(out)))
	}
	tgz := filepath.Join(tmp, strings.TrimSpace(lastLine(string(out))))
	src, err := untarFile(tgz, "package/axe.min.js")
	if err != nil {
		tb.Fatalf("axe-core package %s: %v", tgz, err)
	}
	if err := os.WriteFile(file+".tmp", src, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(file+".tmp", file); err != nil {
		tb.Fatal(err)
	}
	axeOnce.src = string(src)
	return axeOnce.src
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// untarFile returns the file name of the gzipped tar archive at path.
func untarFile(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err != nil {
			return nil, err // io.EOF: not in the archive
		}
		if h.Name == name {
			return io.ReadAll(io.LimitReader(tr, 16<<20))
		}
	}
}
