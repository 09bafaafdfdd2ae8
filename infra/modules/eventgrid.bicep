// The system topic for blob events on the storage account. The subscriptions to the functions' blob webhook
// need the app's blobs_extension system key, which exists only after the code is deployed, so
// scripts/post-deploy.sh creates them (azure.yaml postdeploy hook). See docs/deploy.md.
param name string
param location string
param tags object
param storageAccountName string

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

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, systemTopic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  }
}

output name string = systemTopic.name
