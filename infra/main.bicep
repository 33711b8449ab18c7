// DurableAgents as an Azure Functions app on Flex Consumption (dotnet-isolated, .NET 10): Durable Functions runs the agent
// runs on the app's storage account, reached with the app's managed identity (no keys in settings).
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
// Then:   func azure functionapp publish <prefix>-agents   (see docs/functions.md)

@description('Name prefix for the resources (3-11 lowercase letters or digits).')
@minLength(3)
@maxLength(11)
param prefix string

@description('Location for all resources (a region that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Task hub name (letters and digits, starting with a letter): prefixes the Durable queues, tables and containers.')
param taskHubName string = 'DurableAgents'

@description('NCRONTAB (6 fields, UTC) of the daily-research sample schedule.')
param dailyResearchCron string = '0 0 7 * * *'

@secure()
@description('Shared secret for signed approval webhooks (X-Signature-256); empty turns signed approvals off.')
param webhookSecret string = ''

@secure()
@description('OpenAI (or Azure OpenAI v1) API key; empty uses the offline model.')
param openAIApiKey string = ''

param openAIBaseUrl string = ''
param openAIModel string = 'gpt-4o-mini'

var storageName = take('${prefix}${uniqueString(resourceGroup().id)}', 24)
var deploymentContainer = 'app-package'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id, DisableLocalAuth: true }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${prefix}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${prefix}-agents'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      appSettings: [
        // Identity-based connection: the host, Durable Functions and the queue trigger all use it.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'DurableAgents__AzureStorage__TaskHubName', value: taskHubName }
        { name: 'DurableAgents__QueueTrigger__QueueName', value: 'agent-runs' }
        { name: 'Schedules__DailyResearch__Cron', value: dailyResearchCron }
        { name: 'DurableAgents__WebhookSecret', value: webhookSecret }
        { name: 'OPENAI_API_KEY', value: openAIApiKey }
        { name: 'OPENAI_BASE_URL', value: openAIBaseUrl }
        { name: 'OPENAI_MODEL', value: openAIModel }
      ]
    }
  }
}

// Blob (task hub leases, large messages, conversations, the deployment package), queue (Durable control and work-item queues,
// agent-runs) and table (Durable instances, history, partitions) data roles for the app's identity.
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4531-8b8b-5fd1f8a7f2b0'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(storage.id, app.id, role.value)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

// Lets the app send telemetry with its identity (local auth is off on the component).
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, 'metrics-publisher')
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output hostName string = app.properties.defaultHostName
output storageAccountName string = storage.name
