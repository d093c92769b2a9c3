package guard

import (
	"path/filepath"
	"testing"
)

// TestWordClasses checks the word classes kept on the tokens against the
// lexicon: after normalising every reply of the corpora, each token's
// classes are exactly its text's entry's, the text's are their union, and
// each class holds exactly the words of its set.
func TestWordClasses(t *testing.T) {
	for _, c := range wordClasses {
		for w := range c.words {
			if e := lexFind([]byte(w)); e == nil || e.cls&c.bit == 0 {
				t.Fatalf("word %q lacks its class %#x", w, c.bit)
			}
		}
	}
	for w, e := range lexicon {
		for _, c := range wordClasses {
			if (e.cls&c.bit != 0) != c.words[w] {
				t.Fatalf("word %q: class %#x is %v, its set says %v", w, c.bit, e.cls&c.bit != 0, c.words[w])
			}
		}
		if e.only && (lookup([]byte(w)) != nil || e.canon != "" || e.bits != 0 || e.hasNum || e.spoken != 0 || e.part != 0) {
			t.Fatalf("word %q entered for its classes is read by the normaliser", w)
		}
	}
	replies := corpusReplies(t)
	var tx text
	seen := uint64(0)
	for _, r := range replies {
		tx.normalize(r)
		var all uint64
		for i := range tx.toks {
			want := clsOf(lexFind(tx.tokBytes(i)))
			if w := tx.tokBytes(i); len(w) > 0 && isDigit(w[0]) {
				want |= clDigit
			}
			if got := tx.toks[i].cls; got != want {
				t.Fatalf("%q: token %d %q has classes %#x, its entry %#x", r, i, tx.tokBytes(i), got, want)
			}
			all |= want
		}
		for i := range tx.raw { // a raw token's classes, where emit looked its word up
			if c := tx.raw[i].cls; c != clUnread && c != clsOf(lexFind(tx.rawWord(i))) {
				t.Fatalf("%q: raw token %d %q has classes %#x, its entry %#x", r, i, tx.rawWord(i), c, clsOf(lexFind(tx.rawWord(i))))
			}
		}
		if tx.cls&all != all {
			t.Fatalf("%q: text classes %#x miss some of its tokens' %#x", r, tx.cls, all)
		}
		seen |= all
	}
	for _, c := range wordClasses {
		if seen&c.bit == 0 {
			t.Errorf("class %#x met in no reply of the corpora", c.bit)
		}
	}
}

// TestNearMissTokens checks that nearMissWords, written as tokens for its
// word class, is the token view of the words people type.
func TestNearMissTokens(t *testing.T) {
	want := normSet("close", "cl", "almost", "nearly", "fast", "beinahe", "knapp", "presque", "casi", "quasi",
		"bijna", "quase", "nah")
	if len(want) != len(nearMissWords) {
		t.Fatalf("nearMissWords has %d words, the normaliser reads %d", len(nearMissWords), len(want))
	}
	for w := range want {
		if !nearMissWords[w] {
			t.Errorf("nearMissWords lacks %q", w)
		}
	}
}

// TestWordClassNoDigits checks that no word of a class opens with a
// digit: a digit token gets clDigit only, never its entry's classes.
func TestWordClassNoDigits(t *testing.T) {
	for _, c := range wordClasses {
		for w := range c.words {
			if w != "" && isDigit(w[0]) {
				t.Errorf("class %#x holds %q, which opens with a digit", c.bit, w)
			}
		}
	}
}

// corpusReplies returns every reply of the corpus and of the language
// corpus, and a few words the word-set tests read besides: the texts whose
// tokens TestWordClasses, TestWordSets8 and TestWordSets52 check.
func corpusReplies(t *testing.T) []string {
	t.Helper()
	var replies []string
	for _, c := range loadCorpus(t) {
		replies = append(replies, c.Reply)
	}
	files, err := filepath.Glob("testdata/lang/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no language corpus: %v", err)
	}
	for _, f := range files {
		for _, c := range loadLang(t, f) {
			replies = append(replies, c.reply)
		}
	}
	return append(replies, reply2KB(), "N.E. 4th Street", "Hauptstrasse 14th XXX", "it's O6 7l58 then", "e-mail addresses")
}
