package console

import "testing"

func TestLinkify(t *testing.T) {
	got := string(linkify("Open https://desk.test/v/abc. Not <b>https://evil.test/x</b> & https://desk.test\"x", "https://desk.test"))
	want := `Open <a href="https://desk.test/v/abc" target="_blank" rel="noopener noreferrer">https://desk.test/v/abc</a>. Not &lt;b&gt;https://evil.test/x&lt;/b&gt; &amp; <a href="https://desk.test" target="_blank" rel="noopener noreferrer">https://desk.test</a>&#34;x`
	if got != want {
		t.Fatalf("linkify:\n got %s\nwant %s", got, want)
	}
	if got := string(linkify("https://desk.test/v/1", "")); got != "https://desk.test/v/1" {
		t.Fatalf("no base: %s", got)
	}
}
