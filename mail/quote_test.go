package mail

import "testing"

func TestStripQuoted(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quote", "Hello\nthere", "Hello\nthere"},
		{"quoted lines", "Yes.\n> old\n>> older\n  > indented", "Yes."},
		{"interleaved answer", "> question 1\nanswer 1\n> question 2\nanswer 2", "answer 1\nanswer 2"},
		{"gmail attribution", "Fine.\n\nOn Mon, 2 Jun 2025 at 10:00, Support <s@x.example> wrote:\nquoted without marks", "Fine."},
		{"wrapped attribution", "Fine.\nOn Mon, Jun 2, 2025 at 10:00 AM Some Very Long Name <\nsome.long@address.example> wrote:\nold", "Fine."},
		{"on that is not attribution", "On Monday I ordered a lamp.\nIt never came.", "On Monday I ordered a lamp.\nIt never came."},
		{"french", "Merci.\nLe lun. 2 juin 2025 à 10:00, Support <s@x.example> a écrit :\nold", "Merci."},
		{"german", "Danke.\nAm Mo., 2. Juni 2025 um 10:00 Uhr schrieb Support <s@x.example>:\nold", "Danke."},
		{"original message", "Ok.\n-----Original Message-----\nFrom: x\nold", "Ok."},
		{"original message spaced", "Ok.\n----- Original Message -----\nold", "Ok."},
		{"outlook header", "Ok.\n\n________________________________\nFrom: Support\nSent: Monday\nTo: me\nold", "Ok."},
		{"outlook bold header", "Ok.\n*From:* Support\n*Sent:* Monday\n*To:* me\n*Subject:* order\nold", "Ok."},
		{"from line alone is kept", "From: my other account\nI wrote before.", "From: my other account\nI wrote before."},
		{"signature", "Hi.\n-- \nJane\nPhone", "Hi."},
		{"signature without space", "Hi.\n--\nJane", "Hi."},
		{"dashes in text kept", "Hi -- there\n---\nbye", "Hi -- there\n---\nbye"},
		{"forward kept", "FYI\n---------- Forwarded message ---------\nFrom: shop\nYour order", "FYI\n---------- Forwarded message ---------\nFrom: shop\nYour order"},
		{"all quoted", "> all\n> quoted", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := StripQuoted(tt.in); got != tt.want {
				t.Fatalf("StripQuoted=%q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script dropped", "<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb"},
		{"script any case with attrs", "x<SCRIPT type=\"text/javascript\">evil()</ScRiPt >y", "xy"},
		{"style dropped", "<style>p{color:red}</style>text", "text"},
		{"unterminated script drops rest", "ok<script>evil(); no end", "ok"},
		{"head dropped", "<html><head><title>T</title><meta x></head><body>B</body></html>", "B"},
		{"entities", "&lt;b&gt; &amp; &quot;q&quot; &#233;&#x41; &nbsp;x", "<b> & \"q\" éA x"},
		{"comments", "a<!-- <script>x</script> -->b<!-- unterminated", "ab"},
		{"quoted gt in attribute", "<a title=\"1>2\" href='x>y'>link</a>", "link"},
		{"breaks and blocks", "one<br>two<br/>three<div>four</div><li>five", "one\ntwo\nthree\nfour\n\nfive"},
		{"whitespace collapsed", "  a \n\n  b\t\tc  <p></p><p></p><p>d</p>", "a b c\n\nd"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"unterminated tag", "text <b unterminated", "text"},
		{"lone lt", "1 < 2 &lt;3", "1 < 2 <3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(tt.in); got != tt.want {
				t.Fatalf("HTMLToText=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestHTMLToText_HTML5 checks the tokenizer against the HTML5 rules for
// comments and raw text, which a hand-written scanner got wrong.
func TestHTMLToText_HTML5(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty comment <!-->", "<p>Hello</p><!--><p>my order 7781 is late</p>", "Hello\n\nmy order 7781 is late"},
		{"empty comment <!--->", "a<!--->b", "ab"},
		{"outlook conditional comment", "<!--[if gte mso 9]><xml>x</xml><![endif]--><div>Text kept</div>", "Text kept"},
		{"script text with split close", "<script>var s='</scr'+'ipt>';</script>after", "after"},
		{"inline cid image with alt", `see <img src="cid:img1@x" alt="photo of box"> here`, "see [image: photo of box] here"},
		{"inline cid image without alt", `<img src="CID:part1.abc">`, "[image: part1.abc]"},
		{"remote image ignored", `<img src="https://tracker.example/p.gif">x`, "x"},
		{"nested skip", "<svg><style>a</style><text>no</text></svg>yes", "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(tt.in); got != tt.want {
				t.Fatalf("HTMLToText=%q, want %q", got, tt.want)
			}
		})
	}
}
