"""The queue between the webhook dispatcher and the function that sends deliveries.

The dispatcher (a scheduled Chalice function) queues one message per due delivery; the sender
(a Chalice SQS handler) attempts it. The retry schedule lives in DynamoDB, so a receiver that
fails is retried by the dispatcher with backoff; a message whose handling itself crashes five
times lands in the dead-letter queue, which raises an alarm.
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_sqs as sqs
from constructs import Construct

# Six times the sender's 15 s timeout (.chalice/config.json), as AWS advises for SQS triggers,
# so that a message is not handed to a second sender while the first still works on it.
VISIBILITY_TIMEOUT = Duration.seconds(90)
MAX_RECEIVES = 5


class WebhookQueue(Construct):
    """Attributes
    ----------
    queue
        Due deliveries (``{"webhook_id", "position"}`` messages).
    dead_letters
        Messages the sender failed to handle five times, kept 14 days for an operator.
    """

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.dead_letters = sqs.Queue(
            self,
            "DeadLetters",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        self.queue = sqs.Queue(
            self,
            "Deliveries",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            visibility_timeout=VISIBILITY_TIMEOUT,
            # The dispatcher queues every due delivery again each minute: old messages add nothing.
            retention_period=Duration.hours(1),
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=MAX_RECEIVES, queue=self.dead_letters),
        )

    def alarms(self) -> list[cloudwatch.Alarm]:
        parked = self.dead_letters.metric_approximate_number_of_messages_visible(
            period=Duration.minutes(5), statistic="Maximum"
        ).create_alarm(
            self,
            "DeadLettersAlarm",
            alarm_description="A webhook delivery message failed five times and waits in the dead-letter queue",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        return [parked]
