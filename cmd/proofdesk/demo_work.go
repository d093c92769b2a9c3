package main

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// seedDemoWork gives the demo desk a few managed tags, a front-desk team
// that takes new chats and emails and auto-assigns them (to whoever sets
// themselves online in the inbox), and some priorities.
func seedDemoWork(ctx context.Context, m *Main, agents []*proofdesk.Agent) error {
	for _, name := range []string{"account", "billing", "delivery", "returns"} {
		if _, err := m.DB.CreateTag(ctx, name); err != nil {
			return fmt.Errorf("demo tag %s: %w", name, err)
		}
	}
	team := &proofdesk.Team{Name: "Front desk", AutoAssign: true, Channels: []string{proofdesk.ChannelChat, proofdesk.ChannelEmail}}
	for _, a := range agents {
		team.AgentIDs = append(team.AgentIDs, a.ID)
	}
	if err := m.DB.CreateTeam(ctx, team); err != nil {
		return fmt.Errorf("demo team: %w", err)
	}
	convs, _, err := m.ConversationService.FindConversations(ctx, proofdesk.ConversationFilter{Limit: 6})
	if err != nil {
		return err
	}
	for i, c := range convs {
		p := []string{proofdesk.PriorityUrgent, proofdesk.PriorityHigh, proofdesk.PriorityHigh, proofdesk.PriorityLow}[i%4]
		if _, err := m.ConversationService.UpdateConversation(ctx, c.ID, proofdesk.ConversationUpdate{Priority: &p}); err != nil {
			return fmt.Errorf("demo priority: %w", err)
		}
	}
	return nil
}
