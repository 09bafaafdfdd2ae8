// The system topic for blob events on the storage account. The subscriptions to the functions' blob webhook
// need the app's blobs_extension system key, which exists only after the code is deployed, so
// scripts/post-deploy.sh creates them (azure.yaml postdeploy hook). See docs/deploy.md.
param name string
param location string
param tags object
param storageAccountName string

@description('The container Event Grid dead-letters undeliverable events into; its identity may write there and nowhere else.')
param deadLetterContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  // Dead-lettering into a storage account without shared keys authenticates with this identity.
  identity: { type: 'SystemAssigned' }
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: deadLetterContainerName
}

// Storage Blob Data Contributor (what Event Grid documents for dead-lettering with an identity) on the dead-letter
// container only: the topic's identity cannot read or write reports, results or the app's package.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, systemTopic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: deadLetterContainer
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  }
}

output name string = systemTopic.name
