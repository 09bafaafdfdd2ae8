// One storage account for uploads, results, tables and the Functions host. Shared keys and public access off:
// everything authenticates with Entra ID (managed identity, county-board groups).
param name string
param location string
param tags object

@description('Log Analytics workspace for the blob write/delete and queue write logs (the dead-letter and poison-queue alerts read them).')
param workspaceId string

@description('Days every version of an original (reports, grants, contacts) is kept under version-level immutability: nobody, the app and the deployer included, can delete or change it before then (docs/hardening.md). The policy is left unlocked so the retention can be extended; locking it is a deliberate, irreversible step.')
@minValue(1)
@maxValue(146000)
param originalsRetentionDays int = 3650

var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'

@description('Containers the app uses (core/Storage/StorageNames.cs) plus the deployment package and Event Grid dead letters.')
// 'replays' holds the reports of year replays (docs/replay.md). A replay's own table set and results container
// (Replay2025T…IntakeLog, replay2025t…-intake-results) are created and deleted by the app at run time, not here.
var containers = ['reports', 'intake-results', 'contacts', 'grants', 'countyboard', 'replays', deploymentContainerName, deadLetterContainerName]

@description('Tables the app uses (core/Storage/StorageNames.cs).')
var tables = ['IntakeLog', 'ReportVersions', 'CurrentReports', 'Facts', 'SystemDeficiencies', 'ReportTexts', 'Coverage', 'YearRevisions', 'Contacts', 'ReminderLedger', 'GrantVersions', 'GrantApplications', 'CurrentGrantRegisters', 'CountyBoardReports', 'CurrentCountyBoardReports', 'ReplayLog', 'YearClosures', 'NationalFigures']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // The uploaded originals are evidence: keep overwritten or deleted versions recoverable.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 90 }
    containerDeleteRetentionPolicy: { enabled: true, days: 90 }
  }
}

// The originals: public records (arkivlagen). Version-level immutability: an overwrite (a new grant register, a report
// re-dropped under its name) makes a new version; every version is kept unchanged for originalsRetentionDays.
var originalContainers = ['reports', 'grants', 'contacts', 'countyboard']

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containers: {
  parent: blobService
  name: container
  properties: contains(originalContainers, container)
    ? { publicAccess: 'None', immutableStorageWithVersioning: { enabled: true } }
    : { publicAccess: 'None' }
}]

// The default version-level retention of each originals container: every new version gets it when written.
resource originalsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = [for container in originalContainers: {
  name: '${account.name}/default/${container}/default'
  properties: {
    immutabilityPeriodSinceCreationInDays: originalsRetentionDays
    allowProtectedAppendWrites: false
  }
  dependsOn: [blobContainers]
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Who wrote or deleted which blob, and every message put on a queue (the blob trigger's poison queue among them):
// StorageBlobLogs / StorageQueueLogs in the workspace. Reads are not logged (volume, and every status page would log).
resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-writes-deletes'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageWrite', enabled: true }
    ]
  }
}

output name string = account.name
output id string = account.id
output deploymentContainerName string = deploymentContainerName
output deadLetterContainerName string = deadLetterContainerName
