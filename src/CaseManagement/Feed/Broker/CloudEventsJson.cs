using System.Text.Json;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace CaseManagement.Feed.Broker;

/// <summary>
/// The CloudEvents AMQP binding in structured mode: the message body is the event as the webhooks send it, and the AMQP
/// content type says so (application/cloudevents+json), so a consumer needs nothing of Wolverine to read it.
/// </summary>
public sealed class CloudEventsJson : IMessageSerializer
{
    public string ContentType => CloudEvent.MediaType;

    public byte[] Write(Envelope envelope) => WriteMessage(envelope.Message!);

    public byte[] WriteMessage(object message) => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), FeedJson.Options);

    public object ReadFromData(Type messageType, Envelope envelope) => JsonSerializer.Deserialize(envelope.Data, messageType, FeedJson.Options)!;

    public object ReadFromData(byte[] data) => JsonSerializer.Deserialize<CloudEvent>(data, FeedJson.Options)!;
}
