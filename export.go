package proofdesk

import "time"

// This file is the customer's export (the right of access, GDPR Art. 15):
// a zip of everything stored about one customer, sealed under that
// customer's data key until the owner downloads it once from a link sent
// to their settled email (desk/export.go).

// Export states.
const (
	ExportReady      = "ready"      // sealed, waiting for the owner's download
	ExportDownloaded = "downloaded" // downloaded once; the archive is gone
	ExportExpired    = "expired"    // the link expired unused; the archive is gone
)

// Audit actions of an export (subject: the customer).
const (
	AuditExportRequested  = "customer.export_requested"
	AuditExportDelivered  = "customer.export_delivered"
	AuditExportDownloaded = "customer.export_downloaded"
	AuditExportExpired    = "customer.export_expired"
)

// PurposeExportLink is the outbox purpose of the mail that carries an
// export's download link; PurposeExportNotice that of the owner notice
// at the other contact points.
const (
	PurposeExportLink   = "export_link"
	PurposeExportNotice = "export_notice"
)

// Export is one export of a customer's data, without its archive.
type Export struct {
	ID         string
	CustomerID string
	// ConversationID is the verified conversation it was started from;
	// "" when started from the customer's card by break-glass.
	ConversationID string
	RequestedBy    string // the supervisor's agent ID
	Status         string // ExportReady, ExportDownloaded or ExportExpired
	Size           int64  // the archive's size in bytes
	CreatedAt      time.Time
	ExpiresAt      time.Time
	FinishedAt     *time.Time // when it was downloaded or expired
}

// ExportStarted is what the supervisor who started an export is told:
// where the link went, masked ("a***@e***.com"), and until when it works.
// It never holds the link or the archive.
type ExportStarted struct {
	ID        string    `json:"export_id"`
	SentTo    []string  `json:"sent_to"`
	ExpiresAt time.Time `json:"expires_at"`
}

// ExportInfo is what the download page shows: nothing about the customer
// but the archive's size and the link's expiry.
type ExportInfo struct {
	Size      int64
	CreatedAt time.Time
	ExpiresAt time.Time
	Language  string // the customer's language preference, or ""
}

// CustomerData is the export's customer.json: everything stored about one
// customer, in clear (it goes to the owner). Times are UTC, RFC 3339.
type CustomerData struct {
	Format     string    `json:"format"` // "proofdesk-export/1"
	ExportedAt time.Time `json:"exported_at"`
	Customer   struct {
		ID          string            `json:"id"`
		ExternalID  string            `json:"external_id,omitempty"`
		Name        string            `json:"name"`
		Addresses   []Address         `json:"addresses"`
		DateOfBirth string            `json:"date_of_birth,omitempty"`
		Payment     *Payment          `json:"payment,omitempty"`
		Attributes  map[string]string `json:"attributes,omitempty"`
		Locked      bool              `json:"support_locked"`
		CreatedAt   time.Time         `json:"created_at"`
		UpdatedAt   time.Time         `json:"updated_at"`
	} `json:"customer"`
	ContactPoints []ExportContactPoint `json:"contact_points"`
	Conversations []ExportConversation `json:"conversations"`
	Verifications []ExportVerification `json:"verification_history"`
	Notices       []ExportNotice       `json:"notices_sent"`
	Orders        []*Order             `json:"orders"`
	Ratings       []ExportRating       `json:"satisfaction_ratings"`
	Audit         []ExportAuditEntry   `json:"audit_entries"`
}

// ExportContactPoint is a contact point on file and since when.
type ExportContactPoint struct {
	Kind    string    `json:"kind"`
	Value   string    `json:"value"`
	AddedAt time.Time `json:"added_at"`
}

// ExportConversation is one conversation linked to the customer.
type ExportConversation struct {
	ID        string          `json:"id"`
	Channel   string          `json:"channel"`
	Subject   string          `json:"subject,omitempty"`
	Status    string          `json:"status"`
	CreatedAt time.Time       `json:"created_at"`
	Messages  []ExportMessage `json:"messages"`
}

// ExportMessage is one message of a conversation, in clear.
type ExportMessage struct {
	ID          string             `json:"id"`
	Author      string             `json:"author"` // customer, agent or system
	Internal    bool               `json:"internal_note,omitempty"`
	Body        string             `json:"body"`
	CreatedAt   time.Time          `json:"created_at"`
	Attachments []ExportAttachment `json:"attachments,omitempty"`
}

// ExportAttachment names a file of the archive: File is its path in the
// zip ("attachments/<conversation>/<id>-<name>").
type ExportAttachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	File        string `json:"file"`
}

// ExportVerification is one verification request sent to the customer.
type ExportVerification struct {
	ConversationID string     `json:"conversation_id"`
	Kind           string     `json:"kind"` // email or phone
	Status         string     `json:"status"`
	CreatedAt      time.Time  `json:"created_at"`
	CompletedAt    *time.Time `json:"completed_at,omitempty"`
}

// ExportNotice is one message the desk sent to the customer's contact
// points. Body is left out of verification requests (their codes and
// links) and of export links.
type ExportNotice struct {
	Kind      string    `json:"kind"` // email or sms
	Purpose   string    `json:"purpose"`
	To        string    `json:"to"`
	Subject   string    `json:"subject,omitempty"`
	Body      string    `json:"body,omitempty"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportRating is a satisfaction rating the customer gave.
type ExportRating struct {
	ConversationID string    `json:"conversation_id"`
	Rating         string    `json:"rating"`
	Comment        string    `json:"comment,omitempty"`
	RatedAt        time.Time `json:"rated_at"`
}

// ExportAuditEntry is an audit entry about the customer or one of their
// conversations or exports.
type ExportAuditEntry struct {
	Seq         int64             `json:"seq"`
	Time        time.Time         `json:"at"`
	ActorKind   string            `json:"actor_kind"`
	ActorID     string            `json:"actor_id,omitempty"`
	Action      string            `json:"action"`
	SubjectKind string            `json:"subject_kind"`
	SubjectID   string            `json:"subject_id"`
	Detail      map[string]string `json:"detail,omitempty"`
}

// ExportFile is a file of the archive besides customer.json.
type ExportFile struct {
	Path string
	Data []byte
}
