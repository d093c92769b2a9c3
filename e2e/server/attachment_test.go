package server_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestEmailAttachments: a customer's mail with a photo arrives through the
// SMTP listener; the agent lists and downloads the photo through the API
// (decrypted, a download with its name); the agent's reply with a PDF
// reaches mailpit with the PDF attached, as mailpit reads it.
func TestEmailAttachments(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		photo := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR kettle photo")
		b64 := base64.StdEncoding.EncodeToString(photo)
		sendMail(t, s, janeEmail, "From: Jane Doe <"+janeEmail+">\nTo: support@desk.test\nSubject: Dented kettle\n"+
			"Message-ID: <photo.kettle@example.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\nMIME-Version: 1.0\n"+
			"Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nThe kettle is dented, photo attached.\n"+
			"--b1\nContent-Type: image/png\nContent-Disposition: attachment; filename*=utf-8''K%C3%A4tel%20photo.png\nContent-Transfer-Encoding: base64\n\n"+
			b64+"\n--b1--\n")
		conv := emailConversation(t, s, "Dented kettle")
		var list struct {
			Messages []struct {
				Attachments []struct {
					Filename, URL string
					Size          int
				} `json:"attachments"`
			} `json:"messages"`
		}
		s.API(t, "GET", "/api/v1/conversations/"+conv.ID+"/messages", s.Agent.Token, nil, http.StatusOK, &list)
		must(t, len(list.Messages) == 1 && len(list.Messages[0].Attachments) == 1, "messages %+v, want one with the photo", list.Messages)
		att := list.Messages[0].Attachments[0]
		must(t, att.Filename == "Kätel photo.png" && att.Size == len(photo), "attachment %+v", att)

		req, _ := http.NewRequest("GET", s.URL+att.URL+"?download=1", nil)
		req.Header.Set("Authorization", "Bearer "+s.Agent.Token)
		resp, err := s.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		disp, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		must(t, resp.StatusCode == 200 && bytes.Equal(got, photo), "download: %d, same bytes %v", resp.StatusCode, bytes.Equal(got, photo))
		must(t, disp == "attachment" && params["filename"] == "Kätel photo.png" && resp.Header.Get("X-Content-Type-Options") == "nosniff",
			"download headers %v", resp.Header)

		pdf := []byte("%PDF-1.4\n% return label for the kettle\n")
		s.API(t, "POST", "/api/v1/conversations/"+conv.ID+"/messages", s.Agent.Token, map[string]any{
			"body":        "Sorry! Print the attached label.",
			"attachments": []map[string]any{{"filename": "Rücksendeetikett.pdf", "content_type": "application/pdf", "data": base64.StdEncoding.EncodeToString(pdf)}},
		}, http.StatusCreated, nil)
		m := s.Mailpit.WaitMessage(t, janeEmail, "Dented kettle", wait)
		must(t, strings.Contains(m.Text, "Print the attached label."), "text %q", m.Text)
		must(t, len(m.Attachments) == 1 && m.Attachments[0].FileName == "Rücksendeetikett.pdf" &&
			m.Attachments[0].ContentType == "application/pdf" && m.Attachments[0].Size == len(pdf),
			"mailpit attachments %+v, want the label", m.Attachments)
	})
}
