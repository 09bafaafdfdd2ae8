// Least privilege for the app identity, the deployer and the county boards.
param storageAccountName string
param appInsightsName string
param communicationServiceName string
param appPrincipalId string
param deployerPrincipalId string
param deployerPrincipalType string
param countyBoardUploaders array

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

// Blob Data Owner (not Contributor) because the Functions host and the blob trigger manage leases and
// receipts on the account; Queue Data Contributor because the Event Grid blob trigger queues work internally.
var appStorageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appStorageRoles: {
  name: guid(storageAccount.id, appPrincipalId, role)
  scope: storageAccount
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource appMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Sending e-mail with an Entra token needs Read and Write on the Communication Services resource; no built-in role is
// narrower than Contributor, so a custom role grants exactly those two actions on this one resource.
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'pointake-email-sender')
  properties: {
    roleName: 'PoIntake e-mail sender (${resourceGroup().name})'
    description: 'Send e-mail through one Azure Communication Services resource.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource appEmail 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, appPrincipalId, emailSenderRole.id)
  scope: communicationService
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: emailSenderRole.id
  }
}

resource deployerBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storageAccount.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: storageAccount
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

// County boards: Blob Data Contributor limited by an ABAC condition to their own county's paths:
// reports/{year}/{countyCode}/… and contacts/{countyCode}.xlsx. Reads, writes and deletes elsewhere are denied.
// (Deleting is allowed only in their own paths; blob versioning and soft delete keep every original recoverable.)
resource countyBoards 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for board in countyBoardUploaders: {
  name: guid(storageAccount.id, board.principalId, roles.storageBlobDataContributor, board.countyCode)
  scope: storageAccount
  properties: {
    principalId: board.principalId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    description: 'County board ${board.countyCode}: own county paths only'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete\'})) OR ((@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals \'reports\' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike \'*/${board.countyCode}/*\') OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals \'contacts\' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringEquals \'${board.countyCode}.xlsx\')))'
  }
}]
