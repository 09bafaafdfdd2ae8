// Least privilege for the app identity, the deployer and the county boards.
param storageAccountName string
param appInsightsName string
param communicationServiceName string
param appPrincipalId string
param deployerPrincipalId string
param deployerPrincipalType string
param countyBoardUploaders array

var roles = {
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

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

// Blob Data Contributor: the host's keys, timer and singleton leases, blob-trigger receipts, the deployment package and
// the app's own blobs are plain blob reads, writes, leases and deletes. Owner would add only ACLs, ownership (accounts
// with a hierarchical namespace, which this one is not) and blob index tags, none of which the host or the code uses.
// Queue Data Contributor because the Event Grid blob trigger queues work internally and writes its poison queue.
//
// Scope (docs/deploy.md, "What the app's identity may do"): the three roles stay on the account because the replay
// creates its tables ({prefix}{Table}) and results containers ({prefix}-intake-results) at run time, under names no
// deployment knows; a table-scoped Table Data Contributor cannot cover them, and Azure has no role-assignment
// conditions for tables. What a condition can narrow is the blob role: the app never deletes an original, so its Blob
// Data Contributor may not delete a blob (or a blob version) in reports, grants or contacts, on top of their retention policy.
var appStorageRoles = [roles.storageBlobDataContributor, roles.storageQueueDataContributor, roles.storageTableDataContributor]

var appBlobCondition = '''
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})
  AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/deleteBlobVersion/action'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'reports'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'grants'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'contacts'
 )
)
'''

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appStorageRoles: {
  name: guid(storageAccount.id, appPrincipalId, role)
  scope: storageAccount
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    conditionVersion: role == roles.storageBlobDataContributor ? '2.0' : null
    condition: role == roles.storageBlobDataContributor ? appBlobCondition : null
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

// County boards: a custom role with only the blob data actions they need (read, create, overwrite; no delete, no
// container actions, no user delegation key), limited by an ABAC condition to their own county's paths:
//   reports/{year}/{countyCode}/{name}       read, list, upload (overwriting keeps the old version: versioning)
//   contacts/{countyCode}.xlsx                 read, upload
//   grants/{year}/{countyCode}.xlsx            read, upload (the grant register; overwriting keeps the old version)
//   intake-results/{year}/{countyCode}/{name} read, list (the validation reports of their uploads)
//   intake-results/contacts/{countyCode}.xlsx.{sha16}.json  read (the findings of their contacts register)
//   intake-results/grants/{year}/{countyCode}.xlsx.{sha16}.json  read (the findings of their grant register)
// {year} is four digits: StringLike has only the wildcards * and ?, so each of the first four characters is checked
// against 0-9 (ForAnyOfAnyValues); '*/*/*/*' refused means no folder below the county. Listing needs a prefix of the
// same shape (reports/2026/01/). docs/deploy.md "County boards" explains each clause.
resource countyBoardRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'pointake-county-board')
  properties: {
    roleName: 'PoIntake county board (${resourceGroup().name})'
    description: 'Read and upload blobs; which blobs is decided by the condition of each assignment (own county only).'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// The condition of one county board; {countyCode} is replaced by the board's two-digit code, taken through int() so
// that nothing but digits can reach the condition (a code with * or ? would widen it; int() fails the deployment).
var countyBoardCondition = '''
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
  AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})
  AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})
 )
 OR
 (
  (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'reports' OR @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'intake-results')
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike '????/{countyCode}/?*'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringNotLike '*/*/*/*'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'0*', '1*', '2*', '3*', '4*', '5*', '6*', '7*', '8*', '9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'?0*', '?1*', '?2*', '?3*', '?4*', '?5*', '?6*', '?7*', '?8*', '?9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'??0*', '??1*', '??2*', '??3*', '??4*', '??5*', '??6*', '??7*', '??8*', '??9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'???0*', '???1*', '???2*', '???3*', '???4*', '???5*', '???6*', '???7*', '???8*', '???9*'}
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'contacts'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringEquals '{countyCode}.xlsx'
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'intake-results'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'contacts/{countyCode}.xlsx.????????????????.json'
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'grants'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike '????/{countyCode}.xlsx'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'0*', '1*', '2*', '3*', '4*', '5*', '6*', '7*', '8*', '9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'?0*', '?1*', '?2*', '?3*', '?4*', '?5*', '?6*', '?7*', '?8*', '?9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'??0*', '??1*', '??2*', '??3*', '??4*', '??5*', '??6*', '??7*', '??8*', '??9*'}
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] ForAnyOfAnyValues:StringLike {'???0*', '???1*', '???2*', '???3*', '???4*', '???5*', '???6*', '???7*', '???8*', '???9*'}
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'intake-results'
  AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'grants/????/{countyCode}.xlsx.????????????????.json'
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})
  AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'intake-results'
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'})
 )
 OR
 (
  (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'reports' OR @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'intake-results')
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringLike '????/{countyCode}/*'
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringNotLike '*/*/*/*'
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] ForAnyOfAnyValues:StringLike {'0*', '1*', '2*', '3*', '4*', '5*', '6*', '7*', '8*', '9*'}
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] ForAnyOfAnyValues:StringLike {'?0*', '?1*', '?2*', '?3*', '?4*', '?5*', '?6*', '?7*', '?8*', '?9*'}
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] ForAnyOfAnyValues:StringLike {'??0*', '??1*', '??2*', '??3*', '??4*', '??5*', '??6*', '??7*', '??8*', '??9*'}
  AND @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] ForAnyOfAnyValues:StringLike {'???0*', '???1*', '???2*', '???3*', '???4*', '???5*', '???6*', '???7*', '???8*', '???9*'}
 )
)
'''

resource countyBoards 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for board in countyBoardUploaders: {
  name: guid(storageAccount.id, board.principalId, countyBoardRole.id, board.countyCode)
  scope: storageAccount
  properties: {
    principalId: board.principalId
    principalType: 'Group'
    roleDefinitionId: countyBoardRole.id
    description: 'County board ${board.countyCode}: own county paths only'
    conditionVersion: '2.0'
    condition: replace(countyBoardCondition, '{countyCode}', padLeft(string(int(board.countyCode)), 2, '0'))
  }
}]
