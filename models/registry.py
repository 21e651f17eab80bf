"""Imports every model module so that `Base.metadata` knows the whole schema."""

from models.audit import models as audit  # noqa: F401
from models.bookings import models as bookings  # noqa: F401
from models.credit import models as credit  # noqa: F401
from models.db import Base
from models.discovery import models as discovery  # noqa: F401
from models.emails import models as emails  # noqa: F401
from models.finance import models as finance  # noqa: F401
from models.identity import models as identity  # noqa: F401
from models.jobs import models as jobs  # noqa: F401
from models.moderation import models as moderation  # noqa: F401
from models.notifications import models as notifications  # noqa: F401
from models.offerers import models as offerers  # noqa: F401
from models.offers import models as offers  # noqa: F401
from models.partnership_candidates import models as partnership_candidates  # noqa: F401
from models.social import models as social  # noqa: F401
from models.statistics import cohorts as statistics_cohorts  # noqa: F401
from models.statistics import models as statistics  # noqa: F401
from models.statistics import scale_tables as statistics_scale  # noqa: F401
from models.statistics import take_up_aggregates as statistics_take_up  # noqa: F401
from models.territories import models as territories  # noqa: F401
from models.top_ups import models as top_ups  # noqa: F401
from models.users import models as users  # noqa: F401

metadata = Base.metadata
