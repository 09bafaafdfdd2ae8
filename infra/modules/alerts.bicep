// Alert rules and the action group that mails them. What each alert means and what to do: docs/deploy.md
// "Alerts and what to do". Each rule counts matching log records in its window and fires when there is at least one;
// rules are stateful (autoMitigate), so a condition that lasts sends one mail, and resolves when the records stop.
param location string
param tags object
param actionGroupName string
param alertNamePrefix string
param workspaceId string
param appInsightsId string
param deadLetterContainerName string

@description('Who gets the alert mails. Empty: the alerts still fire and show in the portal, but nobody is mailed.')
param alertEmailAddress string

// The Event Grid blob trigger's poison queue: the Functions host puts a blob here after host.json's
// extensions.blobs.poisonBlobThreshold failed attempts.
var poisonQueueName = 'webjobs-blobtrigger-poison'

// PoIntake's own log events by event id (core/Diagnostics/LogEventIds.cs) as the worker sends them to Application Insights.
var appEventQuery = 'traces | where tostring(customDimensions.CategoryName) startswith "PoIntake." and tostring(customDimensions.EventId) in ({0})'

var alerts = [
  {
    name: 'poison-queue'
    displayName: 'PoIntake: a report reached the poison queue'
    description: 'A blob was put on ${poisonQueueName}: its intake failed on every attempt. Runbook: docs/deploy.md.'
    severity: 1
    scope: workspaceId
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: 'StorageQueueLogs | where Category == "StorageWrite" and OperationName == "PutMessage" and ObjectKey contains "/${poisonQueueName}"'
  }
  {
    name: 'eventgrid-dead-letter'
    displayName: 'PoIntake: Event Grid dead-lettered a blob event'
    description: 'A blob was written to ${deadLetterContainerName}: Event Grid gave up delivering an upload to the app. Runbook: docs/deploy.md.'
    severity: 1
    scope: workspaceId
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: 'StorageBlobLogs | where Category == "StorageWrite" and ObjectKey contains "/${deadLetterContainerName}/"'
  }
  {
    name: 'intake-failed'
    displayName: 'PoIntake: an intake was recorded as Failed'
    description: 'The intake of an upload threw; IntakeLog says Failed and the host retries. Runbook: docs/deploy.md.'
    severity: 2
    scope: appInsightsId
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: format(appEventQuery, '"1101", "1102"')
  }
  {
    name: 'reminder-rejected'
    displayName: 'PoIntake: the e-mail service refused a reminder'
    description: 'A reminder was refused for good (ledger status Rejected); it is never retried. Runbook: docs/deploy.md.'
    severity: 2
    scope: appInsightsId
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    query: format(appEventQuery, '"2101"')
  }
  {
    name: 'deadline-reports-missing'
    displayName: 'PoIntake: the report deadline passed with reports missing'
    description: 'The annual report deadline has passed and verksamheter that reported last year have not. Runbook: docs/deploy.md.'
    severity: 3
    scope: appInsightsId
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    query: format(appEventQuery, '"2201"')
  }
  {
    name: 'switch-aborted'
    displayName: 'PoIntake: a year switch aborted or let an upload through'
    description: 'A switch of a year to a replay gave up with the live year as before (3101), or uploads were processed while it ran (3102). Runbook: docs/deploy.md.'
    severity: 1
    scope: appInsightsId
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: format(appEventQuery, '"3101", "3102"')
  }
  {
    name: 'wrong-county-key'
    displayName: 'PoIntake: a key was used for a county it does not belong to'
    description: 'An HTTP call presented a county key for another county, or a key for the wrong role (5101). Runbook: docs/deploy.md.'
    severity: 2
    scope: appInsightsId
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: format(appEventQuery, '"5101"')
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'PoIntake'
    enabled: true
    emailReceivers: empty(alertEmailAddress) ? [] : [
      {
        name: 'operations'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in alerts: {
  name: '${alertNamePrefix}-${alert.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [alert.scope]
    evaluationFrequency: alert.evaluationFrequency
    windowSize: alert.windowSize
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}]

output actionGroupId string = actionGroup.id
