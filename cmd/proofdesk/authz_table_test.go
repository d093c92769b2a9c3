package main

// authzTable is the expected outcome of every route of the server, for
// every actor, on a conversation in every state: the one place that says
// who may do what over HTTP. TestAuthorizationMatrix fails when a route
// has no row, a row names a route that is gone, or any outcome differs.
//
// A row is 4 groups, for a conversation (and its customer) at L0, L1, L2
// and at L2 under a support lock, or 1 group when all four are the same.
// A group has one letter per actor, in this order:
//
//	n  no credentials
//	r  a revoked API token and a signed-out console session
//	a  an agent: the conversation's holder (assignee)
//	o  another agent, who does not hold it
//	s  a supervisor (not the holder)
//	A  an admin (not the holder)
//	i  the integration token (the business's system of record)
//	v  another widget visitor: not the one who started the conversation
//
// Letters (outcomeClass): 2 served, L sent to sign-in, U 401, F 403,
// N 404, C 409, V 422, K 423, T 429, B 400, E other.
var authzTable = map[string]string{
	// Actors, letter by letter: n r a o s A i v.
	// Public: health, metrics, assets, the sign-in form, the widget's entry points.
	"GET /healthz":                 "22222222",
	"GET /readyz":                  "22222222",
	"GET /metrics":                 "22222222",
	"GET /api/v1/openapi.json":     "22222222",
	"GET /static/{file}":           "22222222",
	"GET /widget.js":               "22222222",
	"GET /login":                   "22222222",
	"POST /login":                  "22222222",
	"OPTIONS /widget/v1/{path...}": "22222222",
	"POST /widget/v1/visitors":     "22222222",

	// Capability links: the link (or the admin's enrolment ticket) is the credential,
	// and no agent credential stands in for one (an unknown link is refused;
	// approve, deny and the notice's POST fail their CSRF check first, as no page was opened).
	"GET /v/{token}":          "NNNNNNNN",
	"POST /v/{token}/approve": "FFFFFFFF",
	"POST /v/{token}/deny":    "FFFFFFFF",
	"GET /n/{token}":          "NNNNNNNN",
	"POST /n/{token}":         "FFFFFFFF",
	"GET /erase/{token}":      "NNNNNNNN",
	"POST /erase/{token}":     "FFFFFFFF",
	"GET /csat/{token}":       "NNNNNNNN",
	"POST /csat/{token}":      "NNNNNNNN",
	"POST /login/enrol":       "UUUUUUUU",
	// An agent's invitation or reset link (an unknown one here: 404 for all;
	// the form fails its CSRF check first, as no page was opened).
	"GET /invite/{token}":  "NNNNNNNN",
	"POST /invite/{token}": "FFFFFFFF",

	// The telephony webhook: only the provider's signature, never an agent or visitor.
	"POST /api/v1/telephony/voice":  "FFFFFFFF",
	"POST /api/v1/telephony/digits": "FFFFFFFF",

	// The widget: a visitor reaches only its own conversations (another's is 404,
	// exactly like a missing one); agents' tokens are not visitor tokens.
	"POST /widget/v1/conversations":                              "UUUUUUU2",
	"GET /widget/v1/conversations/{id}/messages":                 "UUUUUUUN",
	"POST /widget/v1/conversations/{id}/code":                    "UUUUUUUN",
	"GET /widget/v1/ws":                                          "UUUUUUUN",
	"GET /widget/v1/conversations/{id}/attachments/{attachment}": "UUUUUUUN",
	"POST /widget/v1/conversations/{id}/attachments":             "UUUUUUUN",

	// Console, any signed-in agent. Signing out ends the session (each request
	// signs a new agent of the role in, then out).
	"GET /{$}":                    "LL2222LL",
	"GET /inbox":                  "LL2222LL",
	"GET /events":                 "UU2222UU",
	"GET /account/2fa":            "LL2222LL",
	"POST /account/2fa":           "LL2222LL",
	"POST /account/notifications": "LL2222LL",
	"POST /logout":                "LL2222LL",
	"GET /conversations/{id}":     "LL2222LL",
	"GET /customers/{id}":         "LL2222LL",
	// Customers in the console: any agent creates (contact points count
	// after the cooling-off) and edits what the gate allows (here the form
	// changes nothing; a protected change is refused by Decide, see
	// TestConsole_Customers); admins import files.
	"GET /customers/new":                               "LL2222LL",
	"POST /customers":                                  "LL2222LL",
	"GET /customers/{id}/edit":                         "LL2222LL",
	"POST /customers/{id}":                             "LL2222LL",
	"POST /customers/import":                           "LLFFF2LL",
	"GET /conversations/{id}/attachments/{attachment}": "LL2222LL",
	"POST /conversations/{id}/messages":                "LL2222LL",
	"POST /conversations/{id}/status":                  "LL2222LL",
	"POST /conversations/{id}/challenges":              "LL2222LL",
	"POST /conversations/{id}/assign":                  "LL2222LL",

	// Console, conversation rules: relinking a linked conversation (to the
	// same or another customer) is for supervisors; the holder hands the
	// conversation over (the level stays), a supervisor moves it, any agent
	// takes it (the level drops to L0); reveal needs the class's
	// level (address: L1) and the holder, and under a support lock L2 and a
	// supervisor; unlock is for supervisors on a locked customer's
	// conversation at L2 (409 when there is no lock). Taking over a verified
	// conversation drops its level, so the new holder cannot reveal.
	"POST /conversations/{id}/customer":            "LLFF22LL",
	"POST /conversations/{id}/customer #other":     "LLFF22LL",
	"POST /conversations/{id}/assign #other":       "LL2F22LL",
	"POST /conversations/{id}/reveal":              "LLFFFFLL LL2FFFLL LL2FFFLL LLFFFFLL",
	"POST /conversations/{id}/unlock":              "LLFFCCLL LLFFCCLL LLFFCCLL LLFF22LL",
	"POST /conversations/{id}/assign #then-reveal": "LLFFFFLL LL2FFFLL LL2FFFLL LLFFFFLL",

	// Console, admins only.
	"GET /admin/agents":              "LLFFF2LL",
	"POST /admin/agents":             "LLFFF2LL",
	"POST /admin/agents/{id}":        "LLFFF2LL",
	"GET /admin/tokens":              "LLFFF2LL",
	"POST /admin/tokens":             "LLFFF2LL",
	"POST /admin/tokens/{id}/revoke": "LLFFF2LL",
	"GET /admin/policy":              "LLFFF2LL",
	"POST /admin/policy":             "LLFFF2LL",
	"GET /admin/branding":            "LLFFF2LL",
	"POST /admin/branding":           "LLFFF2LL",
	"GET /admin/retention":           "LLFFF2LL",
	"POST /admin/retention":          "LLFFF2LL",
	"POST /admin/retention/run":      "LLFFF2LL",
	"GET /admin/settings":            "LLFFF2LL",
	"POST /admin/settings":           "LLFFF2LL",
	// No relay in the matrix: the test email fails in words (422).
	"POST /admin/settings/test": "LLFFFVLL",
	"GET /admin/audit":          "LLFFF2LL",
	"GET /reports":              "LLFF22LL",
	"GET /admin/outbox":         "LLFFF2LL",

	// API, any agent's token.
	"GET /api/v1/events":                                      "UU2222FU",
	"GET /api/v1/customers":                                   "UU22222U",
	"GET /api/v1/customers/{id}":                              "UU22222U",
	"POST /api/v1/customers":                                  "UU22222U",
	"GET /api/v1/conversations":                               "UU2222FU",
	"POST /api/v1/conversations":                              "UU2222FU",
	"GET /api/v1/conversations/{id}":                          "UU2222FU",
	"PATCH /api/v1/conversations/{id}":                        "UU2222FU",
	"GET /api/v1/conversations/{id}/messages":                 "UU2222FU",
	"GET /api/v1/conversations/{id}/attachments":              "UU2222FU",
	"GET /api/v1/conversations/{id}/attachments/{attachment}": "UU2222FU",
	// A chat message has no mail original: 404 for whoever may read the
	// conversation (the kept original of a mail is the e2e bounce test's).
	"GET /api/v1/conversations/{id}/messages/{mid}/original": "UUNNNNFU",
	"POST /api/v1/conversations/{id}/messages":               "UU2222FU",
	"GET /api/v1/conversations/{id}/challenges":              "UU2222FU",
	"GET /api/v1/conversations/{id}/sla":                     "UU2222FU",
	"POST /api/v1/conversations/{id}/challenges":             "UU2222FU",
	"POST /api/v1/conversations/{id}/identity":               "UU2222FU",

	// API, conversation rules (as in the console). Payment is an L2 class.
	// Break-glass: a supervisor reveals past the level, audited, the owner
	// told. Account changes in a conversation: L2, the holder or a
	// supervisor, refused under a lock (423).
	// Relinking a linked conversation needs a supervisor, as in the console
	// (this matrix found the API letting any agent do it; Decide's DoLink
	// now rules both).
	"PATCH /api/v1/conversations/{id} #relink":             "UUFF22FU",
	"PATCH /api/v1/conversations/{id} #assign-other":       "UU2F22FU",
	"POST /api/v1/conversations/{id}/reveal":               "UUFFFFFU UU2FFFFU UU2FFFFU UUFFFFFU",
	"POST /api/v1/conversations/{id}/reveal #payment":      "UUFFFFFU UUFFFFFU UU2FFFFU UUFFFFFU",
	"POST /api/v1/conversations/{id}/reveal #break-glass":  "UUFF22FU",
	"POST /api/v1/conversations/{id}/unlock":               "UUFFCCFU UUFFCCFU UUFFCCFU UUFF22FU",
	"PATCH /api/v1/conversations/{id} #assign-then-reveal": "UUFFFFFU UU2FFFFU UU2FFFFU UUFFFFFU",
	"POST /api/v1/conversations/{id}/contact-points":       "UUFFFFFU UUFFFFFU UU2F22FU UUKKKKFU",
	"PUT /api/v1/conversations/{id}/address":               "UUFFFFFU UUFFFFFU UU2F22FU UUKKKKFU",

	// API, customers: the integration token (the system of record) reads and
	// creates customers and is the only one to change protected data outside a
	// conversation (issue 9); agents, supervisors and admins change it in a
	// verified conversation. A support lock refuses every change (423); a
	// contact point dated in the past (added_at) comes only from import and
	// the integration. The integration acts on no conversation and has no
	// console.
	"PATCH /api/v1/customers/{id}":                  "UUFFFF2U UUFFFF2U UUFFFF2U UUKKKKKU",
	"PATCH /api/v1/customers/{id} #external_id":     "UUFFFF2U UUFFFF2U UUFFFF2U UUKKKKKU",
	"PATCH /api/v1/customers/{id} #backdated-email": "UUFFFF2U UUFFFF2U UUFFFF2U UUFFFFKU",
	"POST /api/v1/customers #backdated":             "UUFFFF2U",
	// Orders come from the system of record only, lock or not (they are
	// the business's facts, not a change an agent asks for).
	"POST /api/v1/customers/{id}/orders": "UUFFFF2U",
	"PUT /api/v1/customers/{id}/orders":  "UUFFFF2U",

	// API, an agent's pause (the guard is no oracle): supervisors read and
	// clear another agent's; an agent reads only their own (here: the
	// bystander's, so 403); nobody clears their own.
	"GET /api/v1/agents/{id}/pause":    "UUFF22FU",
	"DELETE /api/v1/agents/{id}/pause": "UUFF22FU",

	// Macros (issue 13): any agent lists and creates them; a shared macro is
	// changed by its creator (the holder here) or a supervisor. Applying one
	// with {{customer.address}} needs what revealing the address needs in a
	// reply: the holder at L1, and under a support lock a supervisor.
	"GET /macros":                     "LL2222LL",
	"POST /macros":                    "LL2222LL",
	"POST /macros/{id}":               "LL2F22LL",
	"POST /macros/{id}/delete":        "LL2F22LL",
	"POST /conversations/{id}/macros": "LLFFFFLL LL2FFFLL LL2FFFLL LLFFFFLL",
	"GET /api/v1/search":              "UU2222FU",
	// Merging two customer records: supervisors only, never under a lock.
	"POST /api/v1/customers/{id}/merge": "UUFF22FU UUFF22FU UUFF22FU UUFFKKFU",
	// Exporting a customer's data (right of access): supervisors, from a
	// conversation at L2 or from the customer by break-glass; never under a lock.
	"POST /api/v1/conversations/{id}/export": "UUFFFFFU UUFFFFFU UUFF22FU UUFFKKFU",
	"POST /api/v1/customers/{id}/export":     "UUFF22FU UUFF22FU UUFF22FU UUFFKKFU",
	// The console's export from the customer card: by break-glass with a
	// reason, or (#from) from the conversation the card was opened from, at L2.
	"POST /customers/{id}/export":       "LLFF22LL LLFF22LL LLFF22LL LLFFKKLL",
	"POST /customers/{id}/export #from": "LLFFFFLL LLFFFFLL LLFF22LL LLFFKKLL",
	// The customer's download page: the link is the credential (an unknown
	// one is 404; the POST fails its CSRF check first, as no page was opened).
	"GET /x/{token}":  "NNNNNNNN",
	"POST /x/{token}": "FFFFFFFF",
	// Legal holds: any agent reads them (not the integration); supervisors
	// and admins set and clear them (clearing one that is not there: 404).
	"GET /api/v1/customers/{id}/legal-hold":        "UU2222FU",
	"PUT /api/v1/customers/{id}/legal-hold":        "UUFF22FU",
	"DELETE /api/v1/customers/{id}/legal-hold":     "UUFF22FU",
	"GET /api/v1/conversations/{id}/legal-hold":    "UU2222FU",
	"PUT /api/v1/conversations/{id}/legal-hold":    "UUFF22FU",
	"DELETE /api/v1/conversations/{id}/legal-hold": "UUFF22FU",
	// Erasure (here with a legal basis: it runs at once): supervisors and
	// admins, never under a support lock.
	"POST /api/v1/customers/{id}/erase": "UUFF22FU UUFF22FU UUFF22FU UUFFKKFU",
	// The console's merge of customers (confirmed), the same use case.
	"POST /customers/{id}/merge": "LLFF22LL LLFF22LL LLFF22LL LLFFKKLL",
	// The console's legal holds: supervisors and admins set them.
	"POST /customers/{id}/legal-hold":     "LLFF22LL",
	"POST /conversations/{id}/legal-hold": "LLFF22LL",
	"POST /customers/{id}/erase":          "LLFF22LL LLFF22LL LLFF22LL LLFFKKLL",
	// Typing in a conversation tells its other viewers (any agent).
	"POST /conversations/{id}/typing": "LL2222LL",
	// Merging the conversation into another of the same customer: the
	// holder or a supervisor; refused under a support lock (423).
	"POST /conversations/{id}/merge":                       "LL2F22LL LL2F22LL LL2F22LL LLKKKKLL",
	"POST /api/v1/conversations/{id}/merge":                "UU2F22FU UU2F22FU UU2F22FU UUKKKKFU",
	"GET /api/v1/macros":                                   "UU2222FU",
	"POST /api/v1/macros":                                  "UU2222FU",
	"PUT /api/v1/macros/{id}":                              "UU2F22FU",
	"DELETE /api/v1/macros/{id}":                           "UU2F22FU",
	"POST /api/v1/conversations/{id}/macros/{macro}/apply": "UUFFFFFU UU2FFFFU UU2FFFFU UUFFFFFU",
	// API, the inbox's work model (issue 13): every agent reads tags, teams and
	// availability, keeps their own saved views and sets their own
	// availability; admins create, rename and delete tags and teams.
	"GET /api/v1/tags":                     "UU2222FU",
	"POST /api/v1/tags":                    "UUFFF2FU",
	"PATCH /api/v1/tags/{id}":              "UUFFF2FU",
	"DELETE /api/v1/tags/{id}":             "UUFFF2FU",
	"GET /api/v1/teams":                    "UU2222FU",
	"POST /api/v1/teams":                   "UUFFF2FU",
	"PATCH /api/v1/teams/{id}":             "UUFFF2FU",
	"DELETE /api/v1/teams/{id}":            "UUFFF2FU",
	"GET /api/v1/views":                    "UU2222FU",
	"POST /api/v1/views":                   "UU2222FU",
	"DELETE /api/v1/views/{id}":            "UU2222FU",
	"GET /api/v1/agents/availability":      "UU2222FU",
	"PUT /api/v1/agents/{id}/availability": "UU2222FU",
	"GET /api/v1/agents/me/notifications":  "UU2222FU",
	"PUT /api/v1/agents/me/notifications":  "UU2222FU",

	// Console, the work model: any agent sets a conversation's priority,
	// tags and snooze, their own availability and views; admins manage
	// tags, teams and capacity.
	"POST /conversations/{id}/triage":  "LL2222LL",
	"POST /conversations/{id}/snooze":  "LL2222LL",
	"POST /availability":               "LL2222LL",
	"POST /views":                      "LL2222LL",
	"POST /views/{id}/delete":          "LL2222LL",
	"GET /admin/work":                  "LLFFF2LL",
	"POST /admin/tags":                 "LLFFF2LL",
	"POST /admin/tags/{id}":            "LLFFF2LL",
	"POST /admin/tags/{id}/delete":     "LLFFF2LL",
	"POST /admin/teams":                "LLFFF2LL",
	"POST /admin/teams/{id}":           "LLFFF2LL",
	"POST /admin/teams/{id}/delete":    "LLFFF2LL",
	"POST /admin/agents/{id}/capacity": "LLFFF2LL",

	// API, admins only.
	"GET /api/v1/policy":            "UUFFF2FU",
	"PUT /api/v1/policy":            "UUFFF2FU",
	"GET /api/v1/settings/branding": "UUFFF2FU",
	"PUT /api/v1/settings/branding": "UUFFF2FU",
	// Retention rules and "run now": admins (a run removes nothing here:
	// no rule is set but the matrix's own, which keeps everything).
	"GET /api/v1/settings/retention":      "UUFFF2FU",
	"PUT /api/v1/settings/retention":      "UUFFF2FU",
	"POST /api/v1/settings/retention/run": "UUFFF2FU",
	"GET /api/v1/audit":                   "UUFFF2FU",
	"GET /api/v1/outbox":                  "UUFFF2FU",
	// Reports: counts and times, no customer data; supervisors and admins.
	"GET /api/v1/reports": "UUFF22FU",
	// Service levels: the configuration is for admins.
	"GET /api/v1/sla": "UUFFF2FU",
	"PUT /api/v1/sla": "UUFFF2FU",
	// Webhooks: admins; deleting an unknown subscription is 404.
	"GET /api/v1/webhooks":         "UUFFF2FU",
	"POST /api/v1/webhooks":        "UUFFF2FU",
	"DELETE /api/v1/webhooks/{id}": "UUFFFNFU",
	// The agent lifecycle (each request changes a fresh agent).
	"GET /api/v1/agents":             "UUFFF2FU",
	"POST /api/v1/agents":            "UUFFF2FU",
	"PATCH /api/v1/agents/{id}":      "UUFFF2FU",
	"DELETE /api/v1/agents/{id}":     "UUFFF2FU",
	"POST /api/v1/agents/{id}/reset": "UUFFF2FU",
	// Channel settings (no relay in the matrix: the test email is 400, saying so).
	"GET /api/v1/settings/channels":       "UUFFF2FU",
	"PUT /api/v1/settings/channels":       "UUFFF2FU",
	"POST /api/v1/settings/channels/test": "UUFFFBFU",
}
