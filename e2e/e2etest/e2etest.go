// Package e2etest runs Proofdesk end to end with real parts: the proofdesk
// binary built once per test process and run as a separate process, and
// mailpit as the outbound SMTP relay and mailbox, read through its HTTP
// API. The helpers take testing.TB and clean up after themselves.
//
// A test package that uses BuildBinary should remove the binary when it
// is done:
//
//	func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }
package e2etest

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var build struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// BuildBinary builds ./cmd/proofdesk of this module once per test process,
// with CGO_ENABLED=0, and returns the path of the binary.
func BuildBinary(tb testing.TB) string {
	tb.Helper()
	build.once.Do(func() {
		root, err := ModuleRoot()
		if err != nil {
			build.err = err
			return
		}
		dir, err := os.MkdirTemp("", "proofdesk-e2e-")
		if err != nil {
			build.err = err
			return
		}
		build.dir = dir
		bin := filepath.Join(dir, "proofdesk")
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/proofdesk")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			build.err = errors.New("go build ./cmd/proofdesk: " + err.Error() + "\n" + out.String())
			return
		}
		build.bin = bin
	})
	if build.err != nil {
		tb.Fatal(build.err)
	}
	return build.bin
}

// Main runs the tests and then removes the binary BuildBinary built. Use
// it from TestMain: os.Exit(e2etest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if build.dir != "" {
		_ = os.RemoveAll(build.dir)
	}
	return code
}

// ModuleRoot returns the directory of the go.mod above the working
// directory (a test's working directory is its package directory).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// FreeAddr returns "127.0.0.1:<FreePort>".
func FreeAddr(tb testing.TB) string {
	tb.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(FreePort(tb)))
}

// findTool returns the path of a tool in $PATH or $(go env GOPATH)/bin,
// or "".
func findTool(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		gopath = strings.TrimSpace(string(out))
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// MissingTool skips the test with why, or fails it when $CI is set: in CI
// every end-to-end test must run.
func MissingTool(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") != "" {
		tb.Fatalf("%s (CI is set: end-to-end tests must not skip)", why)
	}
	tb.Skip(why)
}
