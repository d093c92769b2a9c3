package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

// The files in testdata/import were written by Python's codecs (cp1252,
// cp1251, utf-16-le, utf-16-be), not by the decoder under test; the names
// and notes below are what those bytes mean in the encodings' published
// tables (unicode.org MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT, CP1251.TXT).

// importedFields is external_id, name and attributes of each customer read.
func importedFields(tb testing.TB, path, encoding string) (string, [][3]string) {
	tb.Helper()
	cs, used, err := readImportFile(path, encoding, importNow, "")
	if err != nil {
		tb.Fatalf("read %s --encoding %q: %v", filepath.Base(path), encoding, err)
	}
	var out [][3]string
	for _, c := range cs {
		out = append(out, [3]string{c.ExternalID, c.Name, c.Attributes["note"]})
	}
	return used, out
}

func TestReadImportFile_Encodings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		encoding string
		wantUsed string
		want     [][3]string
	}{
		// The case: Excel's "CSV" on Windows; e9 is é and fc is ü in Windows-1252.
		{"28-cp1252-excel.csv", "", "windows-1252", [][3]string{{"W-1", "José Müller", ""}}},
		{"28-cp1252-excel.csv", "windows-1252", "windows-1252", [][3]string{{"W-1", "José Müller", ""}}},
		{"28-cp1252-excel.csv", "cp1252", "windows-1252", [][3]string{{"W-1", "José Müller", ""}}},
		// latin1 is a WHATWG label of windows-1252, as browsers read it.
		{"28-cp1252-excel.csv", "Latin1", "windows-1252", [][3]string{{"W-1", "José Müller", ""}}},
		// 0x80-0x9F, where Windows-1252 differs from ISO-8859-1: 92 ’, 8c Œ, 96 –, 80 €.
		{"28v-cp1252-c1-punctuation.csv", "", "windows-1252", [][3]string{{"W-2", "Zoë O’Brien", "Œuvre – 5 €"}}},
		// Excel "CSV UTF-8": a byte order mark and CRLF.
		{"28v-utf8-bom-crlf.csv", "", "utf-8", [][3]string{{"W-1", "José Müller", ""}, {"W-2", "Zoë O’Brien", ""}}},
		{"28v-utf8-bom-crlf.csv", "utf-8", "utf-8", [][3]string{{"W-1", "José Müller", ""}, {"W-2", "Zoë O’Brien", ""}}},
		// Excel "Unicode Text": UTF-16LE with a byte order mark, tab-separated.
		{"28v-utf16le-bom-tabs.csv", "", "utf-16", [][3]string{{"W-1", "José Müller", ""}, {"W-2", "Zoë O’Brien", ""}}},
		{"28v-utf16le-bom-tabs.csv", "utf-16", "utf-16", [][3]string{{"W-1", "José Müller", ""}, {"W-2", "Zoë O’Brien", ""}}},
		{"28v-utf16le-bom-tabs.csv", "utf-16le", "utf-16le", [][3]string{{"W-1", "José Müller", ""}, {"W-2", "Zoë O’Brien", ""}}},
		// UTF-16BE with a byte order mark; U+20BB7 is a surrogate pair.
		{"28v-utf16be-bom.csv", "", "utf-16", [][3]string{{"W-3", "山田 太郎 𠮷", ""}}},
		// German Excel: semicolons, Windows-1252, two emails quoted in one field.
		{"28v-cp1252-semicolon-de.csv", "", "windows-1252", [][3]string{{"D-1", "Jürgen Groß", ""}}},
		// Excel's "sep=;" first line.
		{"28v-sep-line.csv", "", "windows-1252", [][3]string{{"S-1", "Élodie Brun", ""}}},
		// Windows-1251 is read when named (c8 e2 e0 ed is Иван).
		{"28v-cp1251-russian.csv", "windows-1251", "windows-1251", [][3]string{{"R-1", "Иван Петров", ""}}},
		{"28v-utf16le-nobom.csv", "utf-16le", "utf-16le", [][3]string{{"W-1", "José Müller", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.encoding, func(t *testing.T) {
			t.Parallel()
			used, got := importedFields(t, filepath.Join("testdata", "import", tt.file), tt.encoding)
			if used != tt.wantUsed {
				t.Fatalf("read as %q, want %q", used, tt.wantUsed)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadImportFile_SemicolonEmails(t *testing.T) {
	t.Parallel()
	cs, _, err := readImportFile(filepath.Join("testdata", "import", "28v-cp1252-semicolon-de.csv"), "", importNow, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, cp := range cs[0].ContactPoints {
		got = append(got, cp.Value)
	}
	if want := []string{"j.gross@example.de", "jg@example.org"}; !cmp.Equal(got, want) {
		t.Fatalf("emails=%q, want %q", got, want)
	}
	if a := cs[0].Addresses; len(a) != 1 || a[0].City != "München" {
		t.Fatalf("addresses=%+v, want city München", a)
	}
}

func TestReadImportFile_EncodingRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hdr := "external_id,name,emails\n"
	tests := []struct {
		name     string
		path     string
		encoding string
		want     string // a row error, or the error text
	}{
		{"cp1251 not taken for cp1252", filepath.Join("testdata", "import", "28v-cp1251-russian.csv"), "",
			"line 2: not valid UTF-8 (from line 2), and not Windows-1252 text either: name the file's encoding with --encoding"},
		{"cp1252 named utf-8", filepath.Join("testdata", "import", "28-cp1252-excel.csv"), "utf-8",
			"line 2: not valid utf-8: choose the file's encoding with --encoding"},
		{"utf-16 without a mark, auto", filepath.Join("testdata", "import", "28v-utf16le-nobom.csv"), "",
			"line 1: holds a NUL byte: is it UTF-16 without a byte order mark?"},
		{"utf-16 without a mark, named utf-16", filepath.Join("testdata", "import", "28v-utf16le-nobom.csv"), "utf-16",
			"line 1: --encoding utf-16 needs a byte order mark"},
		{"utf-16 read as windows-1252", filepath.Join("testdata", "import", "28v-utf16le-bom-tabs.csv"), "windows-1252",
			"line 1: holds a NUL byte"},
		// 0x81 is undefined in Windows-1252 (CP1252.TXT: "#UNDEFINED").
		{"undefined byte, auto", write("u.csv", []byte(hdr+"W-1,Jos\xe9\n2,B\x81b,b@example.org\n")), "",
			"line 3: not valid UTF-8 (from line 2), and not Windows-1252 text either"},
		{"undefined byte, named", write("u2.csv", []byte(hdr+"W-1,Jos\xe9,\nW-2,B\x81b,b@example.org\n")), "windows-1252",
			"line 3: not valid windows-1252: choose the file's encoding with --encoding"},
		{"three high bytes in a row", write("h.csv", []byte(hdr+"W-1,\xc8\xe2\xe0,\n")), "",
			"line 2: not valid UTF-8 (from line 2), and not Windows-1252 text either"},
		{"U+FFFD in UTF-8", write("r.csv", []byte(hdr+"W-1,Jos\xef\xbf\xbd,\n")), "",
			"line 2: holds U+FFFD REPLACEMENT CHARACTER"},
		{"C1 control in UTF-8", write("c.csv", []byte(hdr+"\n\nW-1,Jos\xc2\x85,\n")), "",
			"line 4: not valid utf-8: holds control character U+0085"},
		// An unpaired high surrogate (D800) in UTF-16LE.
		{"unpaired surrogate", write("s.csv", append([]byte{0xff, 0xfe}, []byte("n\x00a\x00m\x00e\x00\n\x00A\x00\x00\xd8\n\x00")...)), "",
			"line 2: not valid utf-16"},
		{"odd UTF-16 length", write("o.csv", append([]byte{0xff, 0xfe}, []byte("n\x00a\x00m\x00e\x00\n\x00A")...)), "",
			"line 2: not valid utf-16"},
		{"unknown encoding", write("ok.csv", []byte(hdr)), "klingon", `--encoding "klingon" is not an encoding name`},
		{"mixed separators", write("m.csv", []byte("name,emails;phones\nA,a@example.org,+447700900123\n")), "",
			"line 1: the header row holds as many commas as semicolons"},
		{"UTF-8 named windows-1252", filepath.Join("testdata", "import", "28v-utf8-bom-crlf.csv"), "windows-1252",
			"line 2: the file is UTF-8 text (letters outside ASCII from this line), not windows-1252"},
		{"UTF-8 named iso-8859-1", write("u8.csv", []byte(hdr+"W-1,Ada,\nW-2,Zoë,\n")), "iso-8859-1",
			"line 3: the file is UTF-8 text (letters outside ASCII from this line), not windows-1252"},
		{"ASCII with a UTF-8 mark named windows-1252", write("ab.csv", []byte("\xef\xbb\xbf"+hdr+"W-1,Ada,\n")), "windows-1252",
			"line 1: the file is UTF-8 text"},
		{"invalid after a UTF-8 mark", write("bom.csv", []byte("\xef\xbb\xbf"+hdr+"W-1,Jos\xe9,\n")), "",
			"line 2: not valid utf-8: choose the file's encoding with --encoding"},
		{"bad sep line", write("sep.csv", []byte("sep=::\nname\nA\n")), "", `line 1: the first line "sep=..." must name one separator`},
		{"semicolon rows under a comma header", write("sc.csv", []byte("external_id,name\nA;B\nC,D\n")), "",
			"line 2: wrong number of fields (every row needs one per header column; fields are separated by commas"},
		{"sep line keeps line numbers", write("sl.csv", []byte("sep=;\nname;emails\nA;a@example.org\nB;not-an-email\n")), "",
			"line 4: field emails:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := readImportFile(tt.path, tt.encoding, importNow, "")
			if err == nil {
				t.Fatalf("err=nil, want %q", tt.want)
			}
			var got string
			var ie importErrors
			if ok := asImportErrors(err, &ie); ok {
				got = strings.Join(rowErrorsOf(t, err), "\n")
			} else {
				got = err.Error()
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Fatalf("err=%q, want it to start %q", got, tt.want)
			}
		})
	}
}

func asImportErrors(err error, ie *importErrors) bool {
	e, ok := err.(importErrors)
	if ok {
		*ie = e
	}
	return ok
}

// The case file through the command, into the store: the name is stored
// as the letters Windows-1252 gives those bytes, never as U+FFFD.
func TestCLI_CustomersImportCP1252(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	file := filepath.Join("testdata", "import", "28-cp1252-excel.csv")
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, "--encoding", "utf-8", file); r.code != 1 ||
		!strings.Contains(r.stderr, "line 2: not valid utf-8") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Fatalf("--encoding utf-8: code=%d stderr=%q, want line 2 refused", r.code, r.stderr)
	}
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, "--encoding", "ebcdic-9", file); r.code != 1 ||
		!strings.Contains(r.stderr, "is not an encoding name") {
		t.Fatalf("--encoding ebcdic-9: code=%d stderr=%q", r.code, r.stderr)
	}
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, file); r.code != 0 ||
		!strings.Contains(r.stdout, "Imported 1 customers (read as windows-1252).") {
		t.Fatalf("auto: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	ext := "W-1"
	cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{ExternalID: &ext})
	if err != nil || len(cs) != 1 {
		t.Fatalf("find W-1: n=%d err=%v, want 1", len(cs), err)
	}
	if cs[0].Name != "José Müller" {
		t.Fatalf("name=%q, want %q", cs[0].Name, "José Müller")
	}
}

// JSONL from a tool that writes UTF-16 (PowerShell's Out-File, for one)
// is read through the same decoding.
func TestReadImportFile_JSONLUTF16(t *testing.T) {
	t.Parallel()
	line := `{"external_id":"J-1","name":"Łukasz Żółw","emails":["lukasz@example.pl"]}` + "\r\n"
	var b []byte
	b = append(b, 0xff, 0xfe)
	for _, r := range line {
		// UTF-16LE by hand (all of these are in the BMP): low byte first.
		b = append(b, byte(r), byte(r>>8))
	}
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cs, used, err := readImportFile(p, "", importNow, "")
	if err != nil || used != "utf-16" || len(cs) != 1 || cs[0].Name != "Łukasz Żółw" {
		t.Fatalf("read: used=%q err=%v customers=%v", used, err, cs)
	}
}

// BenchmarkDecodeImportText reads 50,000 rows (about 3 MB) as Excel writes
// them: UTF-8 (checked in place) and Windows-1252 (detected, decoded).
func BenchmarkDecodeImportText(b *testing.B) {
	var utf, cp []byte
	utf = append(utf, "external_id,name,emails\n"...)
	cp = append(cp, "external_id,name,emails\n"...)
	for i := range 50_000 {
		row := "W-" + strings.Repeat("9", 5) + ",José Müller " + string(rune('A'+i%26)) + ",jose.m@example.org\n"
		utf = append(utf, row...)
		cp = append(cp, strings.NewReplacer("é", "\xe9", "ü", "\xfc").Replace(row)...)
	}
	for _, f := range []struct {
		name string
		data []byte
		want string
	}{{"utf-8", utf, "utf-8"}, {"windows-1252", cp, "windows-1252"}} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			for b.Loop() {
				if _, used, err := decodeImportText(f.data, ""); err != nil || used != f.want {
					b.Fatalf("used=%q err=%v", used, err)
				}
			}
		})
	}
}
